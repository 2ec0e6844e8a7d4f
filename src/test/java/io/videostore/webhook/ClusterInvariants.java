package io.videostore.webhook;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import io.videostore.testcam.StreamActivity;

/**
 * What a cluster promises whatever breaks, checked from outside on a {@link ClusterRig}:
 * by SQL on the index, the clip files on the instances' disks, the cameras' own record of
 * who streamed when, and the "clip ready" messages the receiver got. Each check returns
 * the violations it found, one line each naming the offending rows; none means it holds.
 * <p>
 * Some clips legitimately start late: an alarm queued for a camera whose owner died or
 * was paused, or that waited for the database, is recorded when the camera has an owner
 * again. The test tells the checks about every disruption it caused, and only alarms near
 * one may start late; a job that says its recorder died must be near a kill or a pause,
 * never only near a database restart.
 */
final class ClusterInvariants {

	/** An on-demand clip starts after its alarm; this late it no longer shows it. */
	static final Duration LATE_START = Duration.ofSeconds(5);

	/** A pre-roll clip's window is cut on frames: this much either side is the same. */
	private static final Duration FRAME_SLACK = Duration.ofMillis(500);

	/** Two streams overlapping by less than one frame period are a clean hand-over. */
	private static final Duration STREAM_TOLERANCE = Duration.ofMillis(100);

	/** Around a disruption, alarms may be recorded late: before it, and after it ends. */
	private static final Duration BEFORE = Duration.ofSeconds(8);

	private static final Duration AFTER = Duration.ofSeconds(15);

	private final ClusterRig rig;

	private final List<Disruption> disruptions = new CopyOnWriteArrayList<>();

	/** Each finished job's clip, as last seen: a clip must not go away later. */
	private final Map<Long, FinishedClip> finished = new HashMap<>();

	/**
	 * Something the test broke, from {@code start} to {@code end}.
	 *
	 * @param kind {@code database}, {@code pause} or {@code kill}
	 * @param node the instance, or null for the database
	 * @param start when it began
	 * @param end when it was over (the database or instance back)
	 */
	record Disruption(String kind, String node, Instant start, Instant end) {

		boolean near(Instant alarm) {
			return !alarm.isBefore(this.start.minus(BEFORE)) && !alarm.isAfter(this.end.plus(AFTER));
		}

		boolean death() {
			return !this.kind.equals("database");
		}

	}

	private record FinishedClip(long alarm, String camera, long clip, String path) {
	}

	ClusterInvariants(ClusterRig rig) {
		this.rig = rig;
	}

	void disrupted(String kind, String node, Instant start, Instant end) {
		this.disruptions.add(new Disruption(kind, node, start, end));
	}

	List<Disruption> disruptions() {
		return List.copyOf(this.disruptions);
	}

	/** Every check; the violations of all. */
	List<String> all() throws SQLException, IOException {
		List<String> v = new ArrayList<>();
		v.addAll(oneJobPerAlarmAndCamera());
		v.addAll(noJobReRecordedForADeathThatDidNotHappen());
		v.addAll(doneClipsShowTheirAlarm());
		v.addAll(noClipDeleted());
		v.addAll(finishedJobsKeepTheirClips());
		v.addAll(everyClipFileHasItsRow());
		v.addAll(noCameraStreamedTwiceAtOnce(Instant.MIN));
		v.addAll(noMessageReceivedTwice());
		return v;
	}

	/**
	 * Every stored alarm has exactly one job, for the camera it matched; a copy of an
	 * earlier alarm (the sender gave up waiting on one instance and sent it to another,
	 * which stored it first) has none, and its original has one.
	 */
	List<String> oneJobPerAlarmAndCamera() throws SQLException {
		// An alarm stored by an instance that died before its job gets its (failed) job
		// from the service about 20 s later: waited for, within a bound.
		long until = System.nanoTime() + Duration.ofSeconds(45).toNanos();
		while (System.nanoTime() < until && this.rig.single("""
				SELECT COUNT(*) FROM alarm a WHERE a.outcome NOT LIKE 'duplicate of alarm %'
				    AND NOT EXISTS (SELECT 1 FROM job j WHERE j.alarm_id = a.id)""") > 0) {
			try {
				Thread.sleep(500);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		List<String> v = new ArrayList<>();
		for (Map<String, Object> row : this.rig.rows("""
				SELECT a.id AS alarm, a.device_id, a.outcome, a.received_at, COUNT(j.id) AS jobs,
				       string_agg(j.id || ':' || j.camera_id || ':' || j.state, ', ') AS rows
				FROM alarm a LEFT JOIN job j ON j.alarm_id = a.id
				WHERE a.outcome NOT LIKE 'duplicate of alarm %'
				GROUP BY a.id, a.device_id, a.outcome, a.received_at
				HAVING COUNT(j.id) <> 1 OR MIN(j.camera_id) <> substr(a.device_id, 3)
				ORDER BY a.id""")) {
			v.add("alarm " + row.get("alarm") + " (" + row.get("device_id") + ", '" + row.get("outcome")
					+ "', received " + row.get("received_at") + ") has " + row.get("jobs") + " jobs, one expected: "
					+ row.get("rows"));
		}
		for (Map<String, Object> row : this.rig.rows("""
				SELECT a.id AS alarm, a.outcome,
				       (SELECT COUNT(*) FROM job j WHERE j.alarm_id = a.id) AS jobs,
				       (SELECT COUNT(*) FROM job j WHERE j.alarm_id =
				            CAST(substr(a.outcome, length('duplicate of alarm ') + 1) AS bigint)) AS original_jobs
				FROM alarm a WHERE a.outcome LIKE 'duplicate of alarm %' ORDER BY a.id""")) {
			if (((Number) row.get("jobs")).longValue() != 0 || ((Number) row.get("original_jobs")).longValue() != 1) {
				v.add("alarm " + row.get("alarm") + " ('" + row.get("outcome") + "') has " + row.get("jobs")
						+ " jobs, none expected, and its original " + row.get("original_jobs") + ", one expected");
			}
		}
		return v;
	}

	/**
	 * A job re-recorded because "the instance that was recording it died" must be near a
	 * real death (a kill or a pause), not a database restart of live instances.
	 */
	List<String> noJobReRecordedForADeathThatDidNotHappen() throws SQLException {
		List<String> v = new ArrayList<>();
		for (Map<String, Object> row : jobs("j.reason LIKE '%died%'")) {
			Instant alarm = instant(row.get("created_on"));
			Instant again = (row.get("started_at") != null) ? instant(row.get("started_at")) : Instant.now();
			// A kill or a pause of the recording instance between the alarm and the new
			// recording: an instance killed with the job's outcome still waiting for the
			// database (it ended during an outage) did die with it.
			boolean death = this.disruptions.stream()
				.anyMatch((d) -> d.death()
						&& (d.near(alarm) || (!d.start().isBefore(alarm.minus(BEFORE)) && d.start().isBefore(again))));
			if (!death) {
				v.add("job " + describe(row) + " was re-recorded for a death that did not happen (disruptions near "
						+ "its alarm: " + near(alarm) + ")");
			}
		}
		return v;
	}

	/**
	 * Every {@code done} clip shows its alarm's instant: a pre-roll clip's window holds
	 * it, an on-demand clip starts within {@link #LATE_START} of it. Alarms near a
	 * disruption may start late.
	 */
	List<String> doneClipsShowTheirAlarm() throws SQLException {
		List<String> v = new ArrayList<>();
		for (Map<String, Object> row : jobs("j.state = 'done'")) {
			Instant alarm = instant(row.get("created_on"));
			Instant start = instant(row.get("window_start"));
			Instant end = instant(row.get("window_end"));
			if (start == null || end == null) {
				v.add("done job " + describe(row) + " has a clip without a window");
				continue;
			}
			boolean preRoll = ClusterRig.PRE_ROLL.equals(row.get("camera_id"));
			Duration late = preRoll ? FRAME_SLACK : LATE_START;
			boolean shows = !start.isAfter(alarm.plus(late)) && !end.plus(FRAME_SLACK).isBefore(alarm);
			boolean excused = start.isAfter(alarm) && this.disruptions.stream().anyMatch((d) -> d.near(alarm));
			if (!shows && !excused) {
				v.add("done job " + describe(row) + ": clip " + row.get("clip") + " [" + start + " .. " + end
						+ "] does not show its alarm at " + alarm);
			}
		}
		return v;
	}

	/**
	 * No clip was deleted: retention is off, and a clip that showed an alarm must stay.
	 */
	List<String> noClipDeleted() throws SQLException {
		List<String> v = new ArrayList<>();
		for (Map<String, Object> row : this.rig
			.rows("""
					SELECT c.id, c.camera_id, c.path, c.deleted_at, c.deleted_reason,
					       (SELECT string_agg(j.id || '/alarm ' || j.alarm_id, ', ') FROM job j WHERE j.clip_id = c.id) AS jobs
					FROM clip c WHERE c.deleted_at IS NOT NULL ORDER BY c.id""")) {
			v.add("clip " + row.get("id") + " of " + row.get("camera_id") + " (jobs " + row.get("jobs")
					+ ") was deleted at " + row.get("deleted_at") + ": " + row.get("deleted_reason"));
		}
		return v;
	}

	/**
	 * A finished job keeps the clip it finished with: its row, its link and its file
	 * (checked against what the previous call saw).
	 */
	List<String> finishedJobsKeepTheirClips() throws SQLException {
		List<String> v = new ArrayList<>();
		Map<Long, FinishedClip> now = new HashMap<>();
		for (Map<String, Object> row : this.rig.rows("""
				SELECT j.id AS job, j.alarm_id, j.camera_id, j.state, j.clip_id, c.id AS clip, c.path
				FROM job j LEFT JOIN clip c ON c.id = j.clip_id
				WHERE j.state IN ('done', 'partial') ORDER BY j.id""")) {
			long job = ((Number) row.get("job")).longValue();
			if (row.get("clip") == null) {
				v.add("job " + job + " (alarm " + row.get("alarm_id") + ", " + row.get("camera_id") + ", "
						+ row.get("state") + ") has no clip row (clip_id " + row.get("clip_id") + ")");
				continue;
			}
			FinishedClip clip = new FinishedClip(((Number) row.get("alarm_id")).longValue(),
					(String) row.get("camera_id"), ((Number) row.get("clip")).longValue(), (String) row.get("path"));
			now.put(job, clip);
			if (!Files.exists(Path.of(clip.path()))) {
				v.add("job " + job + " (alarm " + clip.alarm() + ", " + clip.camera() + "): the file of clip "
						+ clip.clip() + " is gone: " + clip.path());
			}
		}
		for (Map.Entry<Long, FinishedClip> before : this.finished.entrySet()) {
			FinishedClip after = now.get(before.getKey());
			if (after == null || after.clip() != before.getValue().clip()) {
				v.add("job " + before.getKey() + " (alarm " + before.getValue().alarm() + ", "
						+ before.getValue().camera() + ") finished with clip " + before.getValue().clip() + " ("
						+ before.getValue().path() + "), now " + ((after == null) ? "no clip or not finished"
								: "clip " + after.clip() + " (" + after.path() + ")"));
			}
		}
		this.finished.putAll(now);
		return v;
	}

	/**
	 * Every clip file an instance published is in the index: a clip dropped from the
	 * index while its file stays is a clip nobody finds.
	 */
	List<String> everyClipFileHasItsRow() throws SQLException, IOException {
		Set<String> paths = new HashSet<>();
		for (Map<String, Object> row : this.rig.rows("SELECT path FROM clip")) {
			paths.add(Path.of((String) row.get("path")).toAbsolutePath().normalize().toString());
		}
		List<String> v = new ArrayList<>();
		for (Path file : this.rig.clipFiles()) {
			if (!paths.contains(file.toAbsolutePath().normalize().toString())) {
				v.add("clip file without a clip row (a dropped clip): " + file + " ("
						+ Files.getLastModifiedTime(file).toInstant() + ")");
			}
		}
		return v;
	}

	/**
	 * No camera gave frames to two connections at once (by the camera's own record of
	 * each connection's first and last completed frame write), among streams that took
	 * frames after {@code since}.
	 */
	List<String> noCameraStreamedTwiceAtOnce(Instant since) {
		List<String> v = new ArrayList<>();
		for (String camera : this.rig.cameraIds()) {
			for (StreamActivity.Overlap o : this.rig.camera(camera).activity().overlaps(STREAM_TOLERANCE)) {
				if (o.b().last().isAfter(since)) {
					v.add(camera + " streamed twice at once for " + o);
				}
			}
		}
		return v;
	}

	/** Each job's "clip ready" message reached the receiver once. */
	List<String> noMessageReceivedTwice() {
		Map<Long, List<ClusterRig.Message>> byJob = this.rig.messages()
			.stream()
			.collect(Collectors.groupingBy(ClusterRig.Message::jobId));
		List<String> v = new ArrayList<>();
		byJob.forEach((job, messages) -> {
			if (messages.size() > 1) {
				v.add("\"clip ready\" of job " + job + " (alarm " + messages.get(0).alarmId() + ") received "
						+ messages.size() + " times, at "
						+ messages.stream().map((m) -> m.at().toString()).collect(Collectors.joining(", ")));
			}
		});
		return v;
	}

	private List<Map<String, Object>> jobs(String where) throws SQLException {
		return this.rig.rows("""
				SELECT j.id AS job, j.alarm_id, j.camera_id, j.state, j.reason, j.claimed_by, j.started_at,
				       j.finished_at, a.created_on, c.id AS clip, c.window_start, c.window_end, c.instance_id
				FROM job j JOIN alarm a ON a.id = j.alarm_id LEFT JOIN clip c ON c.id = j.clip_id
				WHERE %s ORDER BY j.id""".formatted(where));
	}

	private static String describe(Map<String, Object> row) {
		return row.get("job") + " (alarm " + row.get("alarm_id") + " at " + row.get("created_on") + ", "
				+ row.get("camera_id") + ", " + row.get("state") + ", by " + row.get("claimed_by") + ", clip "
				+ row.get("clip") + " of " + row.get("instance_id") + ", started " + row.get("started_at")
				+ ", reason: " + row.get("reason") + ")";
	}

	private List<Disruption> near(Instant alarm) {
		return this.disruptions.stream().filter((d) -> d.near(alarm)).toList();
	}

	/**
	 * An index timestamp ({@code 2026-01-02T03:04:05.678Z}) or IXON's createdOn (UTC, no
	 * offset).
	 */
	static Instant instant(Object text) {
		if (text == null) {
			return null;
		}
		String s = text.toString();
		return s.endsWith("Z") ? Instant.parse(s) : LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
	}

}
