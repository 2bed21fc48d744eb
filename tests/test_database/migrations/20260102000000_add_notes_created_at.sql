ALTER TABLE notes ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();
CREATE INDEX notes_marker_idx ON notes (marker);
