package io.videostore.clips;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

import io.videostore.clips.db.Timestamps;

/**
 * A stored recording job: one camera recording (or joining a recording) for one alarm.
 *
 * @param id the job id
 * @param alarmId the alarm that caused it
 * @param cameraId the camera to record
 * @param state where the job is in its life
 * @param windowStart start of the time window to record
 * @param windowEnd end of the time window to record
 * @param joinedJobId for a {@code joined} job, the job whose recording it shares
 * @param reason why it ended as it did, or null
 * @param clipId the clip it produced (or, when joined, shares), or null
 * @param createdAt when it was created
 * @param startedAt when recording started, or null
 * @param finishedAt when it ended, or null while open
 */
public record JobView(long id, long alarmId, String cameraId, JobState state, Instant windowStart, Instant windowEnd,
		Long joinedJobId, String reason, Long clipId, Instant createdAt, Instant startedAt, Instant finishedAt) {

	static JobView map(ResultSet rs, int row) throws SQLException {
		return new JobView(rs.getLong("id"), rs.getLong("alarm_id"), rs.getString("camera_id"),
				JobState.of(rs.getString("state")), Timestamps.parse(rs.getString("window_start")),
				Timestamps.parse(rs.getString("window_end")), nullableLong(rs, "joined_job_id"), rs.getString("reason"),
				nullableLong(rs, "clip_id"), Timestamps.parse(rs.getString("created_at")),
				Timestamps.parse(rs.getString("started_at")), Timestamps.parse(rs.getString("finished_at")));
	}

	private static Long nullableLong(ResultSet rs, String column) throws SQLException {
		long value = rs.getLong(column);
		return rs.wasNull() ? null : value;
	}

}
