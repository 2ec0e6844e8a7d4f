-- Several instances on one database: each instance's heartbeat, which instance owns each camera (and its
-- pre-roll buffer) until its lease runs out, and which instance claimed each job until when. Timestamps are
-- fixed-width UTC text as everywhere in the index, so text order is time order. Portable SQL: the upserts use
-- INSERT ... ON CONFLICT, which SQLite (3.24+) and PostgreSQL (9.5+) both have.

CREATE TABLE instance (
    id           TEXT PRIMARY KEY,
    site         TEXT,
    started_at   TEXT NOT NULL,
    heartbeat_at TEXT NOT NULL
);

CREATE TABLE camera_lease (
    camera_id   TEXT PRIMARY KEY,
    instance_id TEXT NOT NULL,
    since       TEXT NOT NULL,
    lease_until TEXT NOT NULL
);

ALTER TABLE job ADD COLUMN claimed_by TEXT;
ALTER TABLE job ADD COLUMN lease_until TEXT;

CREATE INDEX job_state_camera_id_id ON job (state, camera_id, id);
