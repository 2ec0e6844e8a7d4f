-- Where each clip lives now, and why it left the local disk: retention deletes local copies, uploads add a
-- cloud copy, and the index keeps every clip row.
-- location: local | cloud | both | deleted. protected: 1 = never deleted automatically.

ALTER TABLE clip ADD COLUMN location TEXT NOT NULL DEFAULT 'local';
ALTER TABLE clip ADD COLUMN protected INTEGER NOT NULL DEFAULT 0;
ALTER TABLE clip ADD COLUMN deleted_at TEXT;
ALTER TABLE clip ADD COLUMN deleted_reason TEXT;

CREATE INDEX clip_location_created_at ON clip (location, created_at);
