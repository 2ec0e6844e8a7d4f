-- The alarm index: every accepted notification, the recording jobs it caused and the clips they produced.
-- Portable SQL except ${identity}: ClipsConfiguration fills in the auto-increment key of the database at hand
-- (SQLite has no GENERATED ... AS IDENTITY; PostgreSQL has no rowid alias).
-- Timestamps are UTC ISO-8601 text with a fixed width (2024-05-01T10:00:00.000Z), so text order is time order.

CREATE TABLE alarm (
    id            ${identity},
    received_at   TEXT NOT NULL,
    created_on    TEXT,
    company_id    TEXT,
    device_id     TEXT,
    device_name   TEXT,
    system_label  TEXT,
    short_content TEXT,
    dedupe_key    TEXT,
    payload       TEXT NOT NULL,
    remote_addr   TEXT,
    outcome       TEXT,
    outcome_at    TEXT
);

CREATE INDEX alarm_received_at ON alarm (received_at);
CREATE INDEX alarm_dedupe_key_created_on ON alarm (dedupe_key, created_on);

CREATE TABLE clip (
    id            ${identity},
    camera_id     TEXT NOT NULL,
    path          TEXT NOT NULL,
    duration_s    DOUBLE PRECISION NOT NULL,
    frames        BIGINT NOT NULL,
    codec         TEXT,
    width         INTEGER NOT NULL,
    height        INTEGER NOT NULL,
    size_bytes    BIGINT NOT NULL,
    window_start  TEXT,
    window_end    TEXT,
    created_at    TEXT NOT NULL
);

CREATE TABLE job (
    id            ${identity},
    alarm_id      BIGINT NOT NULL REFERENCES alarm (id),
    camera_id     TEXT NOT NULL,
    state         TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'partial', 'failed', 'expired',
                                                 'rejected', 'joined')),
    window_start  TEXT,
    window_end    TEXT,
    joined_job_id BIGINT REFERENCES job (id),
    reason        TEXT,
    clip_id       BIGINT REFERENCES clip (id),
    created_at    TEXT NOT NULL,
    started_at    TEXT,
    finished_at   TEXT
);

CREATE INDEX job_state ON job (state);
CREATE INDEX job_alarm_id ON job (alarm_id);
CREATE INDEX job_camera_id_state ON job (camera_id, state);
CREATE INDEX job_joined_job_id ON job (joined_job_id);
