package io.videostore.recording.preroll;

import java.time.Duration;
import java.time.Instant;

/**
 * A stretch of an alarm window for which the buffer holds no video (camera outage,
 * reconnect, buffer not yet started).
 *
 * @param start first missing moment (UTC)
 * @param end end of the missing stretch (UTC)
 */
record Gap(Instant start, Instant end) {

	public Duration duration() {
		return Duration.between(start, end);
	}

	/**
	 * As reasons and logs say it:
	 * {@code 2026-11-26T12:00:01Z – 2026-11-26T12:00:03.400Z}.
	 */
	@Override
	public String toString() {
		return this.start + " – " + this.end;
	}

}
