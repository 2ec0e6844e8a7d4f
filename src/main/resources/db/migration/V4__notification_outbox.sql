-- "Clip ready" messages to notify.webhooks, one row per job end and receiver, sent in order by the notifier
-- (after the clip's upload, when there is one) and retried until the receiver takes them.
-- state: pending | sent | abandoned (given up after many days of failures).

CREATE TABLE notification (
    id              ${identity},
    url             TEXT NOT NULL,
    clip_id         BIGINT REFERENCES clip (id),
    payload         TEXT NOT NULL,
    state           TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'abandoned')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    last_error      TEXT,
    created_at      TEXT NOT NULL,
    sent_at         TEXT
);

CREATE INDEX notification_state_next_attempt ON notification (state, next_attempt_at);
