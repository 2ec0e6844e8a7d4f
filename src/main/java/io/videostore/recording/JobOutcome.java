package io.videostore.recording;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import io.videostore.clips.ClipRecord;
import io.videostore.clips.Clips;
import io.videostore.clips.FencedException;
import io.videostore.clips.JobState;
import io.videostore.clips.Jobs;
import io.videostore.recording.source.RecordingJob;

/**
 * How a job ended, to be written to the index: its clip (if it made one), then its final
 * state, which its joined jobs share. Written step by step, so it can be written again
 * after the index failed half-way without storing the clip twice; then announced once
 * (upload, retention, notifications).
 */
final class JobOutcome {

	private final RecordingJob job;

	private final JobState state;

	private final String reason;

	private final String sharedReason;

	private final ClipRecord clip;

	private final Instant finishedAt;

	private final Announce announce;

	private Long clipId;

	private volatile boolean written;

	/**
	 * True when another instance took the job over before this outcome could be written:
	 * its clip, if any, is kept as a second clip of the alarm.
	 */
	private volatile boolean fenced;

	/** Told the clip's id (or null) once the outcome is written. */
	@FunctionalInterface
	interface Announce {

		/**
		 * @param secondClip true when the job was taken over meanwhile, and the clip is
		 * kept as a second clip of its alarm
		 */
		void written(Long clipId, boolean secondClip);

	}

	private final AtomicBoolean announced = new AtomicBoolean();

	/**
	 * @param clip the clip to store, or null
	 * @param announce told the clip's id (or null) once the outcome is written
	 */
	JobOutcome(RecordingJob job, JobState state, String reason, ClipRecord clip, Instant finishedAt,
			Announce announce) {
		this(job, state, reason, reason, clip, finishedAt, announce);
	}

	/**
	 * @param sharedReason the reason the jobs that joined this one quote: without what
	 * holds for this job's alarm alone
	 * @param clip the clip to store, or null
	 * @param announce told the clip's id (or null) once the outcome is written
	 */
	JobOutcome(RecordingJob job, JobState state, String reason, String sharedReason, ClipRecord clip,
			Instant finishedAt, Announce announce) {
		this.job = job;
		this.state = state;
		this.reason = reason;
		this.sharedReason = sharedReason;
		this.clip = clip;
		this.finishedAt = finishedAt;
		this.announce = announce;
	}

	/** An outcome without a clip, with nothing to announce. */
	static JobOutcome of(RecordingJob job, JobState state, String reason, Long clipId, Instant finishedAt) {
		JobOutcome o = new JobOutcome(job, state, reason, null, finishedAt, (id, second) -> {
		});
		o.clipId = clipId;
		return o;
	}

	/**
	 * Writes what is not written yet; may be called again after it threw.
	 * @throws RuntimeException when the index fails
	 */
	synchronized void write(Jobs jobs, Clips clips) {
		if (this.written) {
			return;
		}
		if (this.clip != null && this.clipId == null) {
			Optional<Long> id = clips.recordClip(this.clip, this.job.jobId());
			if (id.isEmpty()) {
				this.clipId = clips.keepSecondClip(this.job.jobId(), this.clip);
				this.fenced = true;
				this.written = true;
				return;
			}
			this.clipId = id.get();
		}
		try {
			jobs.jobFinished(this.job.jobId(), this.state, this.reason, this.sharedReason, this.clipId,
					this.finishedAt);
		}
		catch (FencedException ex) {
			if (this.clipId != null) {
				clips.keepAsSecondClip(this.job.jobId(), this.clipId);
			}
			this.fenced = true;
		}
		this.written = true;
	}

	/** True when the job was taken over before this outcome could be written. */
	boolean fenced() {
		return this.fenced;
	}

	/**
	 * When the index refuses this outcome for good: closes the job as failed with the
	 * reason instead, if it can.
	 */
	synchronized void failInstead(Jobs jobs, String why) {
		if (this.written) {
			return;
		}
		try {
			jobs.jobFinished(
					this.job.jobId(), JobState.FAILED, "its outcome (" + this.state.value()
							+ (this.clip != null ? ", clip " + this.clip.path() : "") + ") could not be stored: " + why,
					null, this.finishedAt);
		}
		catch (RuntimeException ex) {
			// Left open: the next start closes it.
		}
	}

	boolean written() {
		return this.written;
	}

	/** Once written, tells the rest of the service, once. */
	void announce() {
		if (this.written && this.announced.compareAndSet(false, true)) {
			this.announce.written(this.clipId, this.fenced);
		}
	}

	/** The clip's file, when there is one. */
	Optional<String> clipPath() {
		return Optional.ofNullable(this.clip).map(ClipRecord::path);
	}

	RecordingJob job() {
		return this.job;
	}

	JobState state() {
		return this.state;
	}

	String reason() {
		return this.reason;
	}

	Long clipId() {
		return this.clipId;
	}

}
