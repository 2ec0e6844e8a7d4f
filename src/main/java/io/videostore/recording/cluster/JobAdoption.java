package io.videostore.recording.cluster;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.videostore.clips.AlarmView;
import io.videostore.clips.Alarms;
import io.videostore.clips.ClusterTables.Lease;
import io.videostore.clips.JobClaims;
import io.videostore.clips.JobState;
import io.videostore.clips.JobView;
import io.videostore.clips.Jobs;
import io.videostore.config.AppConfig;
import io.videostore.config.CameraConfig;
import io.videostore.recording.AlarmTime;
import io.videostore.recording.OwnedCameras;
import io.videostore.recording.RecordingQueue;
import io.videostore.recording.RestartRecovery;
import io.videostore.recording.Submission;
import io.videostore.storage.ClipNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The jobs of the shared queue that come to this instance: those queued for its cameras
 * wherever the alarm arrived, and those an instance that died was recording (recorded
 * again while still worth it, else closed with the reason). Also closes the jobs of
 * cameras no live instance may record once their alarms are too old.
 */
final class JobAdoption {

	private static final Logger log = LoggerFactory.getLogger(JobAdoption.class);

	private final AppConfig config;

	private final OwnedCameras owned;

	private final JobClaims claims;

	private final RecordingQueue queue;

	private final Alarms alarms;

	private final Jobs jobs;

	private final AlarmTime alarmTime;

	private final Clock clock;

	JobAdoption(AppConfig config, OwnedCameras owned, JobClaims claims, RecordingQueue queue, Alarms alarms, Jobs jobs,
			AlarmTime alarmTime, Clock clock) {
		this.config = config;
		this.owned = owned;
		this.claims = claims;
		this.queue = queue;
		this.alarms = alarms;
		this.jobs = jobs;
		this.alarmTime = alarmTime;
		this.clock = clock;
	}

	/**
	 * Claims the queued jobs of this instance's cameras, and, once {@code settled} (see
	 * {@code ClusterMember.settled}), those whose holder's claim ran out: queued ones,
	 * and those a dead instance was recording. Before that a holder that lost the
	 * database too (a blink) renews its claims first, and keeps recording them.
	 */
	void claim(Instant now, boolean settled) {
		if (this.owned.owned().isEmpty()) {
			return;
		}
		String me = this.owned.instanceId();
		Instant until = this.owned.leaseFrom(now);
		if (settled) {
			for (JobView job : this.claims.abandoned(this.owned.owned(), now)) {
				if (this.claims.takeAbandoned(job.id(), me, now, until)) {
					adopt(job, true);
				}
			}
		}
		for (JobView job : this.claims.claim(me, this.owned.owned(), now, until, 50, settled)) {
			adopt(job, false);
		}
	}

	private void adopt(JobView job, boolean died) {
		Optional<CameraConfig> camera = this.config.camera(job.cameraId());
		Optional<AlarmView> alarm = this.alarms.alarm(job.alarmId());
		Instant now = this.clock.instant();
		if (camera.isEmpty() || alarm.isEmpty()) {
			this.jobs.jobFinished(job.id(), JobState.FAILED,
					"camera '" + job.cameraId() + "' is no longer configured on instance " + this.owned.instanceId(),
					null, now);
			return;
		}
		Instant anchor = this.alarmTime.anchor(alarm.get().createdOn(), alarm.get().receivedAt());
		if (died && this.alarmTime.expired(anchor, camera.get(), now)) {
			String reason = RestartRecovery.DIED.replace("the service", "the instance recording it")
					+ "; it was too late to record it again when another instance took the camera over at " + now;
			this.jobs.jobFinished(job.id(), JobState.FAILED, reason, null, now);
			log.warn("Job {} (alarm {}, camera '{}') failed: {}", job.id(), job.alarmId(), job.cameraId(), reason);
			return;
		}
		String clipName = ClipNames.forAlarm(alarm.get().createdOn(), alarm.get().deviceName(),
				(this.config.cameras().size() > 1) ? job.cameraId() : null);
		String note = died ? "recorded again by " + this.owned.instanceId()
				+ ": the instance that was recording it died (kill -9, crash or power loss)"
				+ (!camera.get().video().preRoll().isZero() ? " and the footage it had buffered died with it" : "")
				: null;
		Submission s = this.queue.adopt(job.id(), job.alarmId(), camera.get(), anchor, clipName, note);
		if (s.state() == Submission.State.STOPPING) {
			this.claims.giveUp(job.id(), this.owned.instanceId());
		}
		else if (died) {
			log.warn(
					"Job {} (alarm {}, camera '{}') was being recorded by an instance that died: {} here, {} s after "
							+ "its alarm",
					job.id(), job.alarmId(), job.cameraId(), s.state().name().toLowerCase(Locale.ROOT),
					Duration.between(anchor, now).toSeconds());
		}
	}

	/**
	 * Closes the jobs of cameras that no live instance may record (an edge recorder's
	 * site is down) once their alarms are too old to be worth recording.
	 */
	void closeUnservable(Instant now, Map<String, Lease> leases) {
		List<String> unowned = this.config.cameras()
			.stream()
			.map(CameraConfig::id)
			.filter((id) -> !leases.containsKey(id) || leases.get(id).expired())
			.toList();
		for (JobView job : this.claims.unclaimed(unowned, now)) {
			CameraConfig camera = this.config.camera(job.cameraId()).orElse(null);
			AlarmView alarm = this.alarms.alarm(job.alarmId()).orElse(null);
			if (camera == null || alarm == null) {
				continue;
			}
			Instant anchor = this.alarmTime.anchor(alarm.createdOn(), alarm.receivedAt());
			if (this.alarmTime.expired(anchor, camera, now)) {
				String reason = (camera.site().isEmpty() ? "no live instance could record camera '" + camera.id() + "'"
						: "site '" + camera.site() + "' has no live recorder for camera '" + camera.id()
								+ "' (is its edge instance running, and can it reach the database?)")
						+ ", and the alarm of " + anchor + " became too old to record";
				if (this.claims.closeUnclaimed(job.id(), JobState.EXPIRED, reason, now)) {
					log.warn("Job {} (alarm {}, camera '{}') expired: {}", job.id(), job.alarmId(), camera.id(),
							reason);
				}
			}
		}
	}

}
