-- Retention bounds the stored alarm payloads too: a trimmed payload is replaced by a short note, the alarm row
-- and its columns stay. The index finds the payloads not yet trimmed without reading them.

ALTER TABLE alarm ADD COLUMN payload_trimmed INTEGER NOT NULL DEFAULT 0;

CREATE INDEX alarm_payload_trimmed_id ON alarm (payload_trimmed, id);
