package io.videostore.clips;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

import io.videostore.clips.db.Timestamps;

/**
 * A stored clip; the fields of {@link ClipRecord} plus its id.
 *
 * @param id the clip id
 * @param cameraId the camera it was recorded from
 * @param path where the file is
 * @param durationSeconds probed duration
 * @param frames probed frame count
 * @param codec video codec
 * @param width frame width in pixels
 * @param height frame height in pixels
 * @param sizeBytes file size
 * @param windowStart start of the recorded time window
 * @param windowEnd end of the recorded time window
 * @param createdAt when the clip was finished
 * @param location where it lives now: {@code local}, {@code cloud}, {@code both} or
 * {@code deleted}
 * @param deletedReason why its local copy was deleted, or null
 */
public record ClipView(long id, String cameraId, String path, double durationSeconds, long frames, String codec,
		int width, int height, long sizeBytes, Instant windowStart, Instant windowEnd, Instant createdAt,
		String location, String deletedReason) {

	static ClipView map(ResultSet rs, int row) throws SQLException {
		return new ClipView(rs.getLong("id"), rs.getString("camera_id"), rs.getString("path"),
				rs.getDouble("duration_s"), rs.getLong("frames"), rs.getString("codec"), rs.getInt("width"),
				rs.getInt("height"), rs.getLong("size_bytes"), Timestamps.parse(rs.getString("window_start")),
				Timestamps.parse(rs.getString("window_end")), Timestamps.parse(rs.getString("created_at")),
				rs.getString("location"), rs.getString("deleted_reason"));
	}

}
