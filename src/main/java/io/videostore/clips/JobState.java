package io.videostore.clips;

import java.util.Locale;

/**
 * Where a recording job is in its life. Stored as the lower-case name ({@code done},
 * {@code partial}…), the strings earlier versions wrote, so existing databases keep
 * working.
 */
public enum JobState {

	/** Waiting in a lane. */
	QUEUED,
	/** Recording or assembling its clip. */
	RUNNING,
	/** A verified clip of the whole window. */
	DONE,
	/** A verified clip shorter than asked; the reason says what is missing. */
	PARTIAL,
	/** No clip; the reason says why. */
	FAILED,
	/** Too late to record anything relevant. */
	EXPIRED,
	/** Refused: no room in the queue, or the service was stopping. */
	REJECTED,
	/** Shares the recording of another job of the same camera (its clip and end time). */
	JOINED;

	/** The value stored in the index. */
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** True for states in which a job has ended. */
	public boolean isFinal() {
		return this != QUEUED && this != RUNNING && this != JOINED;
	}

	/**
	 * The state a stored value names.
	 * @throws IllegalArgumentException for a value no version wrote
	 */
	public static JobState of(String value) {
		for (JobState state : values()) {
			if (state.value().equals(value)) {
				return state;
			}
		}
		throw new IllegalArgumentException("not a job state: '" + value + "'");
	}

}
