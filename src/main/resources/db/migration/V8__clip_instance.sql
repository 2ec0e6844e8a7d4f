-- Several instances on one database: which instance's disk holds a clip's local copy. Only that instance uploads
-- it, enforces retention on it and serves it from disk; the others serve it from the bucket. NULL (SQLite, and
-- clips made before) means the only instance there is.
ALTER TABLE clip ADD COLUMN instance_id TEXT;
