-- Indexes for the REST API's alarm list, filters and statistics (api/, clips.AlarmSearch): the list is ordered by
-- createdOn and filtered by time range, device and label; a clip's alarm is found through its jobs.

CREATE INDEX alarm_created_on ON alarm (created_on);
CREATE INDEX alarm_device_id_created_on ON alarm (device_id, created_on);
CREATE INDEX alarm_device_name_created_on ON alarm (device_name, created_on);
CREATE INDEX alarm_system_label_created_on ON alarm (system_label, created_on);
CREATE INDEX job_clip_id ON job (clip_id);
