package io.videostore.clips;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Alarm counts for the API's statistics, grouped by the database into UTC time buckets
 * (hours or quarter hours, which fold into any time zone's hours and days) and by alarm
 * text; portable SQL, bound parameters only.
 */
public class AlarmStats {

	private static final String DEVICE = "COALESCE(NULLIF(a.device_name, ''), NULLIF(a.device_id, ''), '')";

	private static final String HOUR = "substr(a.created_on, 1, 13)";

	private static final String QUARTER = "CAST(substr(a.created_on, 15, 2) AS INTEGER) / 15";

	private final JdbcClient jdbc;

	public AlarmStats(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Alarms in one UTC bucket.
	 *
	 * @param start the bucket's first instant
	 * @param device the device's name (or id when it has none); empty when not grouped by
	 * device
	 * @param count how many alarms
	 */
	public record Count(Instant start, String device, long count) {
	}

	/**
	 * Alarms per UTC hour, or per quarter hour for zones whose offset is not whole hours,
	 * optionally per device.
	 */
	public List<Count> counts(AlarmFilter filter, boolean perDevice, boolean quarterHours) {
		AlarmConditions where = AlarmConditions.of(filter);
		List<String> groups = new ArrayList<>(List.of(HOUR));
		if (quarterHours) {
			groups.add(QUARTER);
		}
		if (perDevice) {
			groups.add(DEVICE);
		}
		String sql = "SELECT " + HOUR + " AS hour, " + (quarterHours ? QUARTER : "0") + " AS quarter, "
				+ (perDevice ? DEVICE : "''") + " AS device, COUNT(*) AS n FROM alarm a" + and(where) + " GROUP BY "
				+ String.join(", ", groups);
		return this.jdbc.sql(sql)
			.params(where.params())
			.query((rs, row) -> new Count(
					Instant.parse(rs.getString("hour") + ":00:00Z").plusSeconds(rs.getInt("quarter") * 900L),
					rs.getString("device"), rs.getLong("n")))
			.list();
	}

	/**
	 * Alarms of one kind of one device: those whose texts differ only in digits (the time
	 * IXON writes into each).
	 *
	 * @param device the device's name (or id)
	 * @param sample one of its texts
	 * @param count how many alarms
	 * @param last the latest one's createdOn
	 */
	public record TextCount(String device, String sample, long count, Instant last) {
	}

	/** Alarm counts per device and text, most frequent first. */
	public List<TextCount> texts(AlarmFilter filter, int limit) {
		AlarmConditions where = AlarmConditions.of(filter);
		java.util.Map<String, Object> params = new java.util.HashMap<>(where.params());
		params.put("limit", limit);
		return this.jdbc
			.sql("SELECT " + DEVICE + " AS device, MIN(a.short_content) AS sample, COUNT(*) AS n, "
					+ "MAX(a.created_on) AS last FROM alarm a" + and(where)
					+ " GROUP BY COALESCE(a.dedupe_key, a.short_content), " + DEVICE + " ORDER BY n DESC LIMIT :limit")
			.params(params)
			.query((rs, row) -> new TextCount(rs.getString("device"), rs.getString("sample"), rs.getLong("n"),
					Timestamps.parse(rs.getString("last"))))
			.list();
	}

	/** A camera's queued and running jobs, its latest failure and its latest clip. */
	public CameraJobs cameraJobs(String cameraId) {
		long[] open = new long[2];
		this.jdbc
			.sql("SELECT state, COUNT(*) AS n FROM job WHERE camera_id = :camera AND state IN ('queued', 'running') "
					+ "GROUP BY state")
			.param("camera", cameraId)
			.query((rs) -> {
				open["queued".equals(rs.getString("state")) ? 0 : 1] = rs.getLong("n");
			});
		record Failure(String reason, Instant at) {
		}
		Failure failure = this.jdbc
			.sql("SELECT reason, finished_at FROM job WHERE camera_id = :camera "
					+ "AND state = 'failed' ORDER BY id DESC LIMIT 1")
			.param("camera", cameraId)
			.query((rs, row) -> new Failure(rs.getString("reason"), Timestamps.parse(rs.getString("finished_at"))))
			.optional()
			.orElse(new Failure(null, null));
		Instant lastClip = this.jdbc.sql("SELECT MAX(created_at) FROM clip WHERE camera_id = :camera")
			.param("camera", cameraId)
			.query((rs, row) -> Timestamps.parse(rs.getString(1)))
			.optional()
			.orElse(null);
		return new CameraJobs(open[0], open[1], failure.reason(), failure.at(), lastClip);
	}

	/** The filter's clause, limited to alarms with a createdOn. */
	private static String and(AlarmConditions where) {
		return where.sql().isEmpty() ? " WHERE a.created_on IS NOT NULL"
				: where.sql() + " AND a.created_on IS NOT NULL";
	}

}
