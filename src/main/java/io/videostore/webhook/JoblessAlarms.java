package io.videostore.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.videostore.clips.Alarms;
import io.videostore.clips.ClusterTables;
import io.videostore.clips.Jobs;
import io.videostore.config.AppConfig;
import io.videostore.config.CameraConfig;
import io.videostore.recording.OwnedCameras;
import io.videostore.system.PeriodicWorker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Finds stored alarms that never got a job: the instance that stored one was killed, or
 * lost the database for good, between storing the alarm and its job (the service answers
 * a webhook after both, so the sender may not even have been told). Once such an alarm is
 * {@link #AFTER} old (an instance that lost the database only briefly queues its jobs
 * itself before that: {@link UnqueuedJobs}), each camera it matches gets a {@code failed}
 * job saying so: by then a recording would start late, and the operator is told rather
 * than left with an alarm that has no trace of its cameras. One instance of a cluster
 * does it, the longest running.
 */
@Component
class JoblessAlarms implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(JoblessAlarms.class);

	/** How old an alarm without a job must be before it is closed. */
	static final Duration AFTER = Duration.ofSeconds(20);

	/** Only this far back: older ones were looked at before. */
	static final Duration WITHIN = Duration.ofHours(1);

	private final Alarms alarms;

	private final Jobs jobs;

	private final ClusterTables cluster;

	private final OwnedCameras owned;

	private final AlarmRouter router;

	private final NotificationParser parser = new NotificationParser();

	private final Clock clock;

	private final PeriodicWorker sweeps = new PeriodicWorker("jobless-alarms", Duration.ofSeconds(10), () -> {
		sweep();
		return false;
	});

	private volatile boolean running;

	JoblessAlarms(AppConfig config, Alarms alarms, Jobs jobs, ClusterTables cluster, OwnedCameras owned, Clock clock) {
		this.alarms = alarms;
		this.jobs = jobs;
		this.cluster = cluster;
		this.owned = owned;
		this.router = new AlarmRouter(config.cameras());
		this.clock = clock;
	}

	/** One look; never throws (a database that fails is asked again next time). */
	int sweep() {
		Instant now = this.clock.instant();
		int closed = 0;
		try {
			if (this.cluster.shared()) {
				var members = this.cluster.members(now.minus(this.owned.lease()));
				if (members.isEmpty() || !members.get(0).id().equals(this.owned.instanceId())) {
					return 0;
				}
			}
			for (Alarms.JoblessAlarm alarm : this.alarms.joblessAlarms(now.minus(WITHIN), now.minus(AFTER), 50)) {
				CloudNotification n;
				try {
					n = this.parser.parse(alarm.payload().getBytes(StandardCharsets.UTF_8));
				}
				catch (RuntimeException ex) {
					continue;
				}
				for (CameraConfig camera : this.router.route(n)) {
					String reason = "the instance that stored this alarm stopped (kill -9, crash) or lost the database "
							+ "before it could queue its recording; found "
							+ Duration.between(alarm.receivedAt(), now).toSeconds()
							+ " s after it arrived, too late to record it";
					if (this.jobs.closeMissingJob(alarm.id(), camera.id(), reason, now)) {
						closed++;
						log.warn("Alarm {} (camera '{}') failed: {}", alarm.id(), camera.id(), reason);
					}
				}
			}
		}
		catch (DataAccessException ex) {
			// Asked again at the next sweep.
		}
		return closed;
	}

	@Override
	public void start() {
		this.running = true;
		this.sweeps.start();
	}

	@Override
	public void stop() {
		this.running = false;
		this.sweeps.stop(Duration.ofSeconds(2));
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
