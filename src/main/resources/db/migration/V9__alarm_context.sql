-- Alarm context: the exact alarm time IXON logged (an alarm occurrence's occurredOn) and the machine's logged
-- signals around it, fetched after the clip's window has passed. One row per alarm that gets context; the row
-- is its own outbox (state, attempts, next attempt) and is claimed by one instance at a time (claimed_by,
-- lease_until), like jobs. series is the JSON the API serves (see AlarmContext).
CREATE TABLE alarm_context (
    alarm_id        BIGINT PRIMARY KEY REFERENCES alarm (id),
    created_on      TEXT NOT NULL,
    anchor_source   TEXT NOT NULL,
    occurred_on     TEXT,
    anchor_note     TEXT,
    state           TEXT NOT NULL,
    reason          TEXT,
    window_start    TEXT,
    window_end      TEXT,
    series          TEXT,
    attempts        INTEGER NOT NULL,
    next_attempt_at TEXT,
    fetched_at      TEXT,
    claimed_by      TEXT,
    lease_until     TEXT
);

CREATE INDEX alarm_context_state_next_attempt ON alarm_context (state, next_attempt_at);
