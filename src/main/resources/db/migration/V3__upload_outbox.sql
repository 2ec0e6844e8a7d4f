-- The upload outbox: one row per clip to copy to the bucket, written with the clip and worked off in order by
-- the uploader, so uploads survive restarts, kill -9 and outages of any length.
-- state: pending | done | abandoned (the local file was gone before it could be uploaded).

CREATE TABLE upload (
    id              ${identity},
    clip_id         BIGINT NOT NULL REFERENCES clip (id),
    object_key      TEXT NOT NULL,
    state           TEXT NOT NULL CHECK (state IN ('pending', 'done', 'abandoned')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    last_error      TEXT,
    created_at      TEXT NOT NULL,
    done_at         TEXT
);

CREATE INDEX upload_state_next_attempt ON upload (state, next_attempt_at);
CREATE UNIQUE INDEX upload_clip_id ON upload (clip_id);
