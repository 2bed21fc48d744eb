DROP INDEX notes_marker_idx;
ALTER TABLE notes DROP COLUMN created_at;
