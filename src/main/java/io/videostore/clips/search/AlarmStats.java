package io.videostore.clips.search;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.videostore.clips.db.Timestamps;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Alarm counts for the API's statistics, grouped by the database into UTC time buckets
 * (hours, or half or quarter hours, which fold into any time zone's hours and days) and
 * by alarm text; portable SQL, bound parameters only.
 */
public class AlarmStats {

	private static final String DEVICE = "COALESCE(NULLIF(a.device_name, ''), NULLIF(a.device_id, ''), '')";

	private static final String HOUR = "substr(a.created_on, 1, 13)";

	private static final String MINUTE = "CAST(substr(a.created_on, 15, 2) AS INTEGER)";

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
	 * Alarms per UTC hour, or per half or quarter hour for zones whose offset is not
	 * whole hours, optionally per device.
	 * @param minutes 60, 30 or 15: the buckets' length
	 */
	public List<Count> counts(AlarmFilter filter, boolean perDevice, int minutes) {
		if (minutes != 60 && minutes != 30 && minutes != 15) {
			throw new IllegalArgumentException("buckets of 60, 30 or 15 minutes, not " + minutes);
		}
		AlarmConditions where = AlarmConditions.of(filter);
		List<String> groups = new ArrayList<>(List.of(HOUR));
		String part = MINUTE + " / " + minutes;
		if (minutes < 60) {
			groups.add(part);
		}
		if (perDevice) {
			groups.add(DEVICE);
		}
		String sql = "SELECT " + HOUR + " AS hour, " + ((minutes < 60) ? part : "0") + " AS part, "
				+ (perDevice ? DEVICE : "''") + " AS device, COUNT(*) AS n FROM alarm a" + and(where) + " GROUP BY "
				+ String.join(", ", groups);
		return this.jdbc.sql(sql)
			.params(where.params())
			.query((rs, row) -> new Count(hour(rs.getString("hour")).plusSeconds(rs.getInt("part") * minutes * 60L),
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

	/**
	 * Alarm counts per device and text, most frequent first. Grouped by the dedupe key
	 * alone (company, device, label and text without digits), whose index holds createdOn
	 * too; each group's latest alarm gives its device and text. Record-now requests,
	 * which have no dedupe key, count as one group.
	 */
	public List<TextCount> texts(AlarmFilter filter, int limit) {
		AlarmConditions where = AlarmConditions.withoutTimeIndex(filter);
		java.util.Map<String, Object> params = new java.util.HashMap<>(where.params());
		params.put("limit", limit);
		record Group(long count, Instant last, long latest) {
		}
		List<Group> groups = this.jdbc
			.sql("SELECT COUNT(*) AS n, MAX(a.created_on) AS last, MAX(a.id) AS latest " + "FROM alarm a" + and(where)
					+ " GROUP BY a.dedupe_key ORDER BY n DESC LIMIT :limit")
			.params(params)
			.query((rs, row) -> new Group(rs.getLong("n"), Timestamps.parse(rs.getString("last")),
					rs.getLong("latest")))
			.list();
		if (groups.isEmpty()) {
			return List.of();
		}
		java.util.Map<Long, String[]> samples = new java.util.HashMap<>();
		this.jdbc.sql("SELECT a.id, a.short_content, " + DEVICE + " AS device FROM alarm a WHERE a.id IN (:ids)")
			.param("ids", groups.stream().map(Group::latest).toList())
			.query((rs) -> {
				samples.put(rs.getLong("id"), new String[] { rs.getString("device"), rs.getString("short_content") });
			});
		return groups.stream().map((g) -> {
			String[] sample = samples.getOrDefault(g.latest(), new String[] { "", "" });
			return new TextCount(sample[0], sample[1], g.count(), g.last());
		}).toList();
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

	/**
	 * The start of a stored hour, {@code 2026-11-26T12}: read by hand, a year's hours at
	 * a time, faster than a date-time parser.
	 */
	static Instant hour(String text) {
		return java.time.LocalDateTime
			.of(Integer.parseInt(text, 0, 4, 10), Integer.parseInt(text, 5, 7, 10), Integer.parseInt(text, 8, 10, 10),
					Integer.parseInt(text, 11, 13, 10), 0)
			.toInstant(java.time.ZoneOffset.UTC);
	}

	/** The filter's clause, limited to alarms with a createdOn. */
	private static String and(AlarmConditions where) {
		return where.sql().isEmpty() ? " WHERE a.created_on IS NOT NULL"
				: where.sql() + " AND a.created_on IS NOT NULL";
	}

}
