package io.videostore.webhook;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;
import io.videostore.clips.AlarmOutcome;
import io.videostore.clips.Alarms;
import io.videostore.clips.ClusterTables;
import io.videostore.clips.NewAlarm;
import io.videostore.config.AppConfig;
import io.videostore.config.CameraConfig;
import io.videostore.context.AlarmContextIntake;
import io.videostore.recording.RecordingQueue;
import io.videostore.recording.Submission;
import io.videostore.storage.ClipNames;
import io.videostore.storage.retention.DiskSpace;
import io.videostore.system.ApiException;
import io.videostore.system.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionOperations;

/**
 * What happens to a valid notification: it is stored first, then linked to a recent
 * identical alarm, or routed to cameras and offered to the recording queue. The stored
 * outcome always says which.
 */
@Component
class AlarmIntake {

	private static final Logger log = LoggerFactory.getLogger(AlarmIntake.class);

	static final int RETRY_AFTER_SECONDS = 30;

	/**
	 * An alarm that could not be stored is logged whole (texts are at most 512 chars).
	 */
	private static final int FULL = 1024;

	private final AppConfig config;

	private final AlarmRouter router;

	private final Alarms alarms;

	private final RecordingQueue queue;

	private final MeterRegistry metrics;

	private final TransactionOperations transactions;

	private final ClusterTables cluster;

	private final AlarmContextIntake context;

	private final UnqueuedJobs unqueued;

	AlarmIntake(AppConfig config, Alarms alarms, RecordingQueue queue, MeterRegistry metrics,
			TransactionOperations transactions, ClusterTables cluster, AlarmContextIntake context,
			UnqueuedJobs unqueued) {
		this.unqueued = unqueued;
		this.cluster = cluster;
		this.context = context;
		this.transactions = transactions;
		this.config = config;
		this.router = new AlarmRouter(config.cameras());
		this.alarms = alarms;
		this.queue = queue;
		this.metrics = metrics;
	}

	/** The HTTP answer for a stored alarm. */
	record Receipt(int status, Map<String, Object> body, Optional<Integer> retryAfterSeconds) {
	}

	/**
	 * Stores the alarm and offers it to its cameras. When the index cannot store it (a
	 * full disk, a broken database), the alarm is logged at ERROR with all that is needed
	 * to recover it, and the sender is told to try again later.
	 */
	Receipt accept(CloudNotification n, Instant receivedAt, String remoteAddr) {
		try {
			return store(n, receivedAt, remoteAddr);
		}
		catch (DataAccessException | TransactionException ex) {
			// A transaction's begin or rollback fails too when the database is gone.
			String why = DiskSpace.saysFull(String.valueOf(ex.getMessage())) ? "the disk is full"
					: (ex instanceof TransactionException || ex instanceof DataAccessResourceFailureException)
							? "the index database does not answer"
							: (ex instanceof PessimisticLockingFailureException)
									? "the index database is locked by another writer"
									: "the index database failed (" + ex.getClass().getSimpleName() + ")";
			log.error(
					"Alarm NOT stored, {}: company {}, device {} '{}', createdOn {} UTC, {} '{}' "
							+ "(answered 503, Retry-After {} s)",
					why, LogText.of(n.companyId()), LogText.of(n.deviceId()), LogText.of(n.deviceName(), FULL),
					// Always with its seconds (LocalDateTime.toString drops ":00"): the
					// line
					// must give the alarm back exactly as IXON sent it.
					(n.createdOn() != null) ? DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(n.createdOn()) : null,
					LogText.of(n.systemLabel()), LogText.of(n.shortContent(), FULL), RETRY_AFTER_SECONDS);
			this.metrics.counter("videostore.webhooks", "outcome", "not-stored").increment();
			throw new NotStored(why);
		}
	}

	private Receipt store(CloudNotification n, Instant receivedAt, String remoteAddr) {
		// An alarm cannot have happened after its webhook arrived (IXON's clock may run
		// ahead).
		Instant created = n.createdOn().toInstant(ZoneOffset.UTC);
		Instant moment = created.isAfter(receivedAt) ? receivedAt : created;
		List<CameraConfig> cameras = this.router.route(n);
		Stored stored = this.cluster.shared() ? this.transactions.execute((status) -> {
			// Instances that get the same alarm at once (a retry through the load
			// balancer) take turns: the second finds the first's.
			this.cluster.lockAlarmKey(n.dedupeKey());
			return storeOnce(n, receivedAt, remoteAddr, moment, cameras);
		}) : storeOnce(n, receivedAt, remoteAddr, moment, cameras);
		Optional<Long> original = stored.original();
		AlarmOutcome outcome = stored.outcome();
		long alarmId = stored.alarmId();
		if (original.isPresent()) {
			// Said, so that an alarm without a job in the index is explained in the log
			// too (a sender that gave up waiting on one instance sends to the next).
			log.info("Alarm {} from '{}' is a copy of alarm {} (sent again within webhooks.dedupe_window): "
					+ "nothing more is recorded", alarmId, LogText.of(n.deviceName()), original.get());
		}
		if (original.isPresent() || cameras.isEmpty()) {
			return done(alarmId, outcome, 200, List.of());
		}
		List<Map<String, Object>> jobs = new ArrayList<>();
		List<String> full = new ArrayList<>();
		List<String> why = new ArrayList<>();
		List<CameraConfig> recording = new ArrayList<>();
		int submitted = 0;
		try {
			// Its exact time and machine data, looked up in the background; before the
			// jobs, so a pre-roll clip finds the look-up under way.
			this.context.accepted(alarmId, n.createdOn(), cameras);
			for (CameraConfig camera : cameras) {
				Submission s = this.queue.submit(alarmId, camera, n.createdOn(), clipName(n, camera));
				submitted++;
				if (s.jobId() != 0) {
					jobs.add(job(camera.id(), s));
				}
				if (s.state() == Submission.State.FULL || s.state() == Submission.State.STOPPING) {
					full.add(camera.id());
					why.add(s.why());
				}
				if (s.accepted()) {
					recording.add(camera);
				}
			}
		}
		catch (DataAccessException | TransactionException ex) {
			// The alarm is stored: a 503 would make the sender's retry a copy of it, and
			// nothing would be recorded. Its jobs are queued as soon as the index
			// answers.
			for (CameraConfig camera : cameras.subList(submitted, cameras.size())) {
				this.unqueued
					.keep(new UnqueuedJobs.Pending(alarmId, receivedAt, camera, n.createdOn(), clipName(n, camera)));
				Map<String, Object> later = new LinkedHashMap<>();
				later.put("camera", camera.id());
				later.put("state", "waiting for the index");
				jobs.add(later);
			}
			log.warn(
					"Alarm {} from '{}' is stored, but the index failed before its recording job(s) were ({}): "
							+ "they are queued as soon as it answers",
					alarmId, LogText.of(n.deviceName()), ex.getClass().getSimpleName());
			return done(alarmId, outcome, 202, jobs);
		}
		if (recording.isEmpty() && full.isEmpty()) {
			outcome = AlarmOutcome.expired(n.createdOn());
			this.alarms.setAlarmOutcome(alarmId, outcome);
			log.warn("Alarm {} from '{}' arrived too late: {}", alarmId, LogText.of(n.deviceName()), outcome.text());
			return done(alarmId, outcome, 200, jobs);
		}
		if (recording.isEmpty()) {
			outcome = this.queue.isRunning() ? AlarmOutcome.queueFull(why) : AlarmOutcome.stopping();
			this.alarms.setAlarmOutcome(alarmId, outcome);
			log.warn("Alarm {} from '{}' {}: nothing will be recorded", alarmId, LogText.of(n.deviceName()),
					outcome.text());
			count(outcome);
			return new Receipt(503, withFull(body(alarmId, outcome, jobs), full, why),
					Optional.of(RETRY_AFTER_SECONDS));
		}
		if (!full.isEmpty()) {
			outcome = AlarmOutcome.acceptedExceptFor(full, why);
			this.alarms.setAlarmOutcome(alarmId, outcome);
		}
		log.info("Alarm {} from '{}' ({}): {}", alarmId, LogText.of(n.deviceName()), LogText.of(n.systemLabel()), jobs);
		if (!full.isEmpty()) {
			count(outcome);
			return new Receipt(202, withFull(body(alarmId, outcome, jobs), full, why), Optional.empty());
		}
		return done(alarmId, outcome, 202, jobs);
	}

	private record Stored(long alarmId, AlarmOutcome outcome, Optional<Long> original) {
	}

	/**
	 * Finds an earlier copy of the alarm, then stores this one as new or as its
	 * duplicate.
	 */
	private Stored storeOnce(CloudNotification n, Instant receivedAt, String remoteAddr, Instant moment,
			List<CameraConfig> cameras) {
		Optional<Long> original = this.alarms.findCoveringAlarm(n.dedupeKey(), moment,
				receivedAt.minus(this.config.webhooks().dedupeWindow()));
		AlarmOutcome outcome = original.map(AlarmOutcome::duplicateOf)
			.orElse(cameras.isEmpty() ? AlarmOutcome.noCameraMatches() : AlarmOutcome.accepted());
		long alarmId = this.alarms.recordAlarm(new NewAlarm(receivedAt, n.createdOn(), n.companyId(), n.deviceId(),
				n.deviceName(), n.systemLabel(), n.shortContent(), n.dedupeKey(), n.payload(), remoteAddr, outcome));
		return new Stored(alarmId, outcome, original);
	}

	private Receipt done(long alarmId, AlarmOutcome outcome, int status, List<Map<String, Object>> jobs) {
		count(outcome);
		return new Receipt(status, body(alarmId, outcome, jobs), Optional.empty());
	}

	private void count(AlarmOutcome outcome) {
		this.metrics.counter("videostore.webhooks", "outcome", outcome.kind().tag()).increment();
	}

	/** One job of the answer, its members always in this order. */
	private static Map<String, Object> job(String cameraId, Submission s) {
		Map<String, Object> job = new LinkedHashMap<>();
		job.put("camera", cameraId);
		job.put("jobId", s.jobId());
		job.put("state", s.state().name().toLowerCase(Locale.ROOT));
		return job;
	}

	private static Map<String, Object> body(long alarmId, AlarmOutcome outcome, List<Map<String, Object>> jobs) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("alarmId", alarmId);
		body.put("outcome", outcome.text());
		body.put("jobs", jobs);
		return body;
	}

	/**
	 * The cameras that found no room, each with which share of the queue is full and why
	 * (none said when a single instance's whole queue is full).
	 */
	private static Map<String, Object> withFull(Map<String, Object> body, List<String> cameras, List<String> why) {
		List<Map<String, Object>> full = new ArrayList<>();
		for (int i = 0; i < cameras.size(); i++) {
			Map<String, Object> camera = new LinkedHashMap<>();
			camera.put("camera", cameras.get(i));
			if (why.get(i) != null && !why.get(i).isEmpty()) {
				camera.put("reason", why.get(i));
			}
			full.add(camera);
		}
		body.put("full", full);
		return body;
	}

	/** 503 + Retry-After for an alarm the index could not store. */
	static class NotStored extends ApiException {

		NotStored(String why) {
			super(503, "Alarm not stored", "the alarm could not be stored (" + why + "); send it again later",
					Map.of());
		}

		@Override
		public Map<String, String> headers() {
			return Map.of("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
		}

	}

	/**
	 * With several cameras one alarm makes several clips: their names say which camera.
	 */
	private String clipName(CloudNotification n, CameraConfig camera) {
		return ClipNames.forAlarm(n.createdOn(), n.deviceName(),
				(this.config.cameras().size() > 1) ? camera.id() : null);
	}

}
