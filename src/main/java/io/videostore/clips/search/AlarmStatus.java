package io.videostore.clips.search;

import java.util.Collection;
import java.util.Locale;

import io.videostore.clips.AlarmOutcome;
import io.videostore.clips.JobState;

/**
 * What became of an alarm, in one word: the vocabulary of the API's {@code outcome}
 * filter and of each alarm's summary. It combines the alarm's own outcome (duplicate,
 * ignored, rejected, expired) with the state of the recordings that serve it, a joined
 * job counting as the recording it joined.
 */
public enum AlarmStatus {

	/** A complete clip of the window was recorded. */
	DONE,
	/** A clip shorter than asked. */
	PARTIAL,
	/** No clip: the recording failed. */
	FAILED,
	/** Still queued or recording. */
	PENDING,
	/** Too old to record anything relevant. */
	EXPIRED,
	/** Refused: the queue was full or the service was stopping. */
	REJECTED,
	/** The same alarm arrived moments before; that one's clip covers it. */
	DUPLICATE,
	/** No camera's match rules select it. */
	IGNORED,
	/**
	 * Shares a recording started for an earlier alarm of the same camera (a filter value
	 * only: such an alarm's summary is that recording's state).
	 */
	JOINED;

	/** The lower-case word used in the API. */
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * The status a word names; {@code recorded} is another word for {@code done}.
	 * @throws IllegalArgumentException for any other word
	 */
	public static AlarmStatus of(String word) {
		String w = word.trim().toLowerCase(Locale.ROOT);
		if (w.equals("recorded")) {
			return DONE;
		}
		for (AlarmStatus status : values()) {
			if (status.value().equals(w)) {
				return status;
			}
		}
		throw new IllegalArgumentException("not an outcome: '" + word + "'");
	}

	/**
	 * An alarm's summary: its own outcome when nothing was recorded for it, else the best
	 * of its recordings (done, partial, pending, failed, expired).
	 */
	public static AlarmStatus summarize(String outcomeText, Collection<JobState> recordings) {
		AlarmOutcome outcome = AlarmOutcome.of(outcomeText);
		if (outcome != null && outcome.kind() != AlarmOutcome.Kind.ACCEPTED) {
			return switch (outcome.kind()) {
				case DUPLICATE -> DUPLICATE;
				case IGNORED -> IGNORED;
				case EXPIRED -> EXPIRED;
				default -> REJECTED;
			};
		}
		for (JobState state : new JobState[] { JobState.DONE, JobState.PARTIAL }) {
			if (recordings.contains(state)) {
				return valueOf(state.name());
			}
		}
		if (recordings.contains(JobState.QUEUED) || recordings.contains(JobState.RUNNING)
				|| recordings.contains(JobState.JOINED) || recordings.isEmpty()) {
			return PENDING;
		}
		return recordings.contains(JobState.FAILED) ? FAILED
				: recordings.contains(JobState.EXPIRED) ? EXPIRED : REJECTED;
	}

}
