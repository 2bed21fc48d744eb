-- Names are quoted where they need it.
CREATE SCHEMA "My App";
