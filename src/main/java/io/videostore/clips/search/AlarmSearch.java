package io.videostore.clips.search;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import io.videostore.clips.JobState;
import io.videostore.clips.db.Timestamps;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The index's read side for the API: alarms by filter, order and page, with their
 * recordings and clips. Portable SQL with bound parameters only; the filter's fragments
 * and the order's columns are fixed text (see {@link AlarmConditions}).
 */
public class AlarmSearch {

	private static final String RECORDINGS = """
			SELECT j.id AS job_id, j.alarm_id, j.camera_id AS job_camera, j.state, COALESCE(p.state, j.state) AS effective,
			    j.reason, j.window_start AS job_start, j.window_end AS job_end, j.joined_job_id, j.created_at AS job_created,
			    j.started_at, j.finished_at, c.id AS clip_id, c.camera_id, c.path, c.duration_s, c.frames, c.codec,
			    c.width, c.height, c.size_bytes, c.window_start, c.window_end, c.created_at, c.location, c.protected,
			    c.deleted_reason
			FROM job j LEFT JOIN job p ON p.id = j.joined_job_id LEFT JOIN clip c ON c.id = j.clip_id
			""";

	private final JdbcClient jdbc;

	public AlarmSearch(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** One page of results and how many there are in all. */
	public record Page(List<AlarmSummary> items, long total) {
	}

	/** The alarms the filter matches, in this order, from {@code offset} on. */
	public Page search(AlarmFilter filter, AlarmOrder order, long offset, int limit) {
		AlarmConditions where = AlarmConditions.of(filter);
		long total = this.jdbc.sql("SELECT COUNT(*) FROM alarm a" + where.sql())
			.params(where.params())
			.query(Long.class)
			.single();
		if (total <= offset) {
			return new Page(List.of(), total);
		}
		Map<String, Object> params = new HashMap<>(where.params());
		params.put("limit", limit);
		params.put("offset", offset);
		List<AlarmSummary> alarms = this.jdbc
			.sql("SELECT a.* FROM alarm a" + where.sql() + order.sql() + " LIMIT :limit OFFSET :offset")
			.params(params)
			.query(AlarmSearch::alarm)
			.list();
		return new Page(withRecordings(alarms), total);
	}

	/**
	 * Every alarm the filter matches, in this order, handed over in chunks while they are
	 * read (for exports of any size).
	 */
	public void forEach(AlarmFilter filter, AlarmOrder order, int chunk, Consumer<List<AlarmSummary>> consumer) {
		AlarmConditions where = AlarmConditions.of(filter);
		List<AlarmSummary> batch = new ArrayList<>(chunk);
		this.jdbc.sql("SELECT a.* FROM alarm a" + where.sql() + order.sql()).params(where.params()).query((rs) -> {
			batch.add(alarm(rs, 0));
			if (batch.size() == chunk) {
				consumer.accept(withRecordings(batch));
				batch.clear();
			}
		});
		if (!batch.isEmpty()) {
			consumer.accept(withRecordings(batch));
		}
	}

	/** One alarm with its recordings. */
	public Optional<AlarmSummary> alarm(long id) {
		return this.jdbc.sql("SELECT a.* FROM alarm a WHERE a.id = :id")
			.param("id", id)
			.query(AlarmSearch::alarm)
			.optional()
			.map((a) -> withRecordings(List.of(a)).get(0));
	}

	/** A clip, with the first alarm it was recorded for (null when none). */
	public record ClipOfAlarm(AlarmClip clip, Long alarmId, java.time.Instant alarmAt) {
	}

	public Optional<ClipOfAlarm> clip(long id) {
		return this.jdbc.sql("""
				SELECT c.id AS clip_id, c.*,
				    COALESCE((SELECT MIN(j.alarm_id) FROM job j WHERE j.clip_id = c.id), c.alarm_id) AS first_alarm_id,
				    COALESCE((SELECT MIN(a.created_on) FROM job j JOIN alarm a ON a.id = j.alarm_id
				        WHERE j.clip_id = c.id), (SELECT a.created_on FROM alarm a WHERE a.id = c.alarm_id)) AS alarm_at
				FROM clip c WHERE c.id = :id""")
			.param("id", id)
			.query((rs, row) -> new ClipOfAlarm(clip(rs), nullableLong(rs, "first_alarm_id"),
					Timestamps.parse(rs.getString("alarm_at"))))
			.optional();
	}

	private List<AlarmSummary> withRecordings(List<AlarmSummary> alarms) {
		if (alarms.isEmpty()) {
			return alarms;
		}
		List<Long> ids = alarms.stream().map(AlarmSummary::id).toList();
		Map<Long, List<AlarmRecording>> byAlarm = recordings(ids);
		Map<Long, List<AlarmClip>> second = secondClips(ids);
		return alarms.stream().map((a) -> {
			List<AlarmRecording> recordings = byAlarm.getOrDefault(a.id(), List.of());
			AlarmStatus status = AlarmStatus.summarize(a.outcomeText(),
					recordings.stream().map(AlarmRecording::effectiveState).toList());
			return new AlarmSummary(a.id(), a.createdOn(), a.receivedAt(), a.companyId(), a.deviceId(), a.deviceName(),
					a.label(), a.text(), a.outcomeText(), status, recordings, second.getOrDefault(a.id(), List.of()));
		}).toList();
	}

	/** The second clips of these alarms (see {@link AlarmSummary#secondClips()}). */
	private Map<Long, List<AlarmClip>> secondClips(Collection<Long> alarmIds) {
		Map<Long, List<AlarmClip>> byAlarm = new LinkedHashMap<>();
		this.jdbc.sql("SELECT c.id AS clip_id, c.* FROM clip c WHERE c.alarm_id IN (:ids) ORDER BY c.id")
			.param("ids", List.copyOf(alarmIds))
			.query((rs) -> {
				byAlarm.computeIfAbsent(rs.getLong("alarm_id"), (k) -> new ArrayList<>()).add(clip(rs));
			});
		return byAlarm;
	}

	private Map<Long, List<AlarmRecording>> recordings(Collection<Long> alarmIds) {
		Map<Long, List<AlarmRecording>> byAlarm = new LinkedHashMap<>();
		this.jdbc.sql(RECORDINGS + "WHERE j.alarm_id IN (:ids) ORDER BY j.alarm_id, j.id")
			.param("ids", List.copyOf(alarmIds))
			.query((rs) -> {
				byAlarm.computeIfAbsent(rs.getLong("alarm_id"), (k) -> new ArrayList<>()).add(recording(rs));
			});
		return byAlarm;
	}

	private static AlarmSummary alarm(ResultSet rs, int row) throws SQLException {
		return new AlarmSummary(rs.getLong("id"), Timestamps.parse(rs.getString("created_on")),
				Timestamps.parse(rs.getString("received_at")), rs.getString("company_id"), rs.getString("device_id"),
				rs.getString("device_name"), rs.getString("system_label"), rs.getString("short_content"),
				rs.getString("outcome"), null, List.of());
	}

	private static AlarmRecording recording(ResultSet rs) throws SQLException {
		AlarmClip clip = (nullableLong(rs, "clip_id") != null) ? clip(rs) : null;
		return new AlarmRecording(rs.getLong("job_id"), rs.getString("job_camera"), JobState.of(rs.getString("state")),
				JobState.of(rs.getString("effective")), rs.getString("reason"),
				Timestamps.parse(rs.getString("job_start")), Timestamps.parse(rs.getString("job_end")),
				nullableLong(rs, "joined_job_id"), Timestamps.parse(rs.getString("job_created")),
				Timestamps.parse(rs.getString("started_at")), Timestamps.parse(rs.getString("finished_at")), clip);
	}

	private static AlarmClip clip(ResultSet rs) throws SQLException {
		return new AlarmClip(rs.getLong("clip_id"), rs.getString("camera_id"),
				Path.of(rs.getString("path")).getFileName().toString(), rs.getDouble("duration_s"),
				rs.getLong("frames"), rs.getString("codec"), rs.getInt("width"), rs.getInt("height"),
				rs.getLong("size_bytes"), Timestamps.parse(rs.getString("window_start")),
				Timestamps.parse(rs.getString("window_end")), Timestamps.parse(rs.getString("created_at")),
				rs.getString("location"), rs.getInt("protected") != 0, rs.getString("deleted_reason"));
	}

	private static Long nullableLong(ResultSet rs, String column) throws SQLException {
		long value = rs.getLong(column);
		return rs.wasNull() ? null : value;
	}

}
