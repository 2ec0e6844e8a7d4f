-- Fenced claims (several instances on one database). Every take-over of a camera lease or a job claim counts up
-- a generation, the fencing token: an instance writes a job's outcome only with the token it claimed the job
-- under, in the same statement, so an instance that was cut off and outlived its claim cannot overwrite the
-- work of the instance that took over. Lease times are written and judged by the database's clock.
ALTER TABLE camera_lease ADD COLUMN generation BIGINT NOT NULL DEFAULT 1;
-- Who held the camera before the current holder took it over, and until when its lease ran: the gap in which
-- nobody buffered the camera, named in the reasons of the clips it cut short.
ALTER TABLE camera_lease ADD COLUMN previous_instance TEXT;
ALTER TABLE camera_lease ADD COLUMN previous_until TEXT;

ALTER TABLE job ADD COLUMN claim_token BIGINT NOT NULL DEFAULT 0;

-- A second clip of an alarm: made by an instance whose claim on the job was taken over meanwhile. Kept, never
-- deleted in favour of the job's own clip; the job links the clip that covers the alarm.
ALTER TABLE clip ADD COLUMN alarm_id BIGINT REFERENCES alarm (id);
CREATE INDEX clip_alarm_id ON clip (alarm_id);

-- The outboxes are claimed like jobs: one instance at a time sends a message or uploads a clip.
ALTER TABLE upload ADD COLUMN claimed_by TEXT;
ALTER TABLE upload ADD COLUMN lease_until TEXT;
ALTER TABLE notification ADD COLUMN claimed_by TEXT;
ALTER TABLE notification ADD COLUMN lease_until TEXT;
