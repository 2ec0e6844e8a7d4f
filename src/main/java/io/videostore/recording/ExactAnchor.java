package io.videostore.recording;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.videostore.clips.AlarmContext;
import io.videostore.clips.AlarmContexts;
import io.videostore.recording.source.AlarmWindow;
import io.videostore.recording.source.ClipSource;
import io.videostore.recording.source.RecordingJob;

/**
 * Moves a pre-roll clip's window onto the alarm's exact time when IXON's alarm occurrence
 * gave one ({@code context}): Cloud Notify's {@code createdOn} comes seconds after the
 * alarm. The occurrence is looked up as the alarm arrives; a clip waits for the answer at
 * most until its {@code createdOn} window ends, when it would be cut anyway, and keeps
 * {@code createdOn} when there is none by then.
 */
final class ExactAnchor {

	/** Closer than this, moving the window is not worth it. */
	static final Duration NOT_WORTH = Duration.ofMillis(500);

	/** Further than this, the occurrence is not believed to be this alarm's. */
	static final Duration TOO_FAR = Duration.ofMinutes(10);

	private static final Duration POLL = Duration.ofMillis(200);

	private final AlarmContexts contexts;

	private final Clock clock;

	ExactAnchor(AlarmContexts contexts, Clock clock) {
		this.contexts = contexts;
		this.clock = clock;
	}

	/** The job, on its alarm's exact time when known in time; else as it is. */
	RecordingJob apply(RecordingJob job) throws InterruptedException {
		if (job.source().lane() != ClipSource.Lane.CLIP) {
			return job;
		}
		Optional<AlarmContext> context = this.contexts.find(job.alarmId());
		while (context.isPresent() && context.get().anchorNote() == null
				&& this.clock.instant().isBefore(job.window().to())) {
			Thread.sleep(POLL.toMillis());
			context = this.contexts.find(job.alarmId());
		}
		if (context.isEmpty() || !AlarmContext.OCCURRENCE.equals(context.get().anchorSource())
				|| context.get().occurredOn() == null) {
			return job;
		}
		Instant exact = context.get().occurredOn();
		Duration shift = Duration.between(job.window().alarm(), exact).abs();
		if (shift.compareTo(NOT_WORTH) < 0 || shift.compareTo(TOO_FAR) > 0) {
			return job;
		}
		AlarmWindow window = job.source().window(job.camera(), exact, this.clock.instant());
		return new RecordingJob(job.jobId(), job.alarmId(), job.camera(), window, job.clipName(), job.queuedAt(),
				job.length(), job.source(), job.note());
	}

}
