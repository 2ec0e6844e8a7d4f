package io.videostore.recording.source;

import java.time.Duration;
import java.time.Instant;

/**
 * The stretch of wall-clock time (UTC) an alarm's clip should show, computed once when
 * the alarm is queued and carried by its job:
 * {@code [alarm − pre_roll, alarm + post_roll]} for a camera with a pre-roll buffer, or
 * from the moment the capture is asked for for a camera recorded on demand.
 *
 * @param alarm when the alarm happened by this machine's clock (see
 * {@code recording.AlarmTime})
 * @param from the first moment the clip should show
 * @param to the moment the clip should reach
 */
public record AlarmWindow(Instant alarm, Instant from, Instant to) {

	/**
	 * How far outside the window a clip cut from a buffer reaches, each side. Frames are
	 * stamped when they arrive, a network hop (through IXON: a proxy) after the camera
	 * took them, so a cut exactly at the window could end a few frames before the alarm's
	 * {@code post_roll} in the camera's own time.
	 */
	public static final Duration EDGE = Duration.ofSeconds(1);

	public AlarmWindow {
		if (to.isBefore(from)) {
			throw new IllegalArgumentException("a window cannot end (" + to + ") before it starts (" + from + ")");
		}
	}

	/** {@code [alarm − before, alarm + after]}: what a pre-roll buffer cuts. */
	public static AlarmWindow around(Instant alarm, Duration before, Duration after) {
		return new AlarmWindow(alarm, alarm.minus(before), alarm.plus(after));
	}

	/**
	 * {@code [start, start + length]}: what a capture asked for at {@code start} records.
	 */
	public static AlarmWindow capturing(Instant alarm, Instant start, Duration length) {
		return new AlarmWindow(alarm, start, start.plus(length));
	}

	/** The window's start widened by {@link #EDGE}. */
	public Instant cutFrom() {
		return this.from.minus(EDGE);
	}

	/** The window's end widened by {@link #EDGE}. */
	public Instant cutTo() {
		return this.to.plus(EDGE);
	}

	public Duration length() {
		return Duration.between(this.from, this.to);
	}

	/** The window's length in seconds, as a clip's requested duration. */
	public double seconds() {
		return length().toMillis() / 1000.0;
	}

}
