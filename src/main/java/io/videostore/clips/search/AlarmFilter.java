package io.videostore.clips.search;

import java.time.Instant;
import java.util.Set;

/**
 * Which alarms a search finds; every member is optional (null or empty matches all) and
 * all given ones must match.
 *
 * @param from earliest {@code createdOn}, inclusive
 * @param to latest {@code createdOn}, exclusive
 * @param device a device id or exact device name
 * @param camera a camera id that recorded (or was to record) it
 * @param text part of the alarm text, any case
 * @param label the exact system label, e.g. {@code alarm-high} or {@code record-now}
 * @param outcomes any of these statuses ({@link AlarmSearch} says what each matches)
 */
public record AlarmFilter(Instant from, Instant to, String device, String camera, String text, String label,
		Set<AlarmStatus> outcomes) {

	/** Every alarm. */
	public static final AlarmFilter ALL = new AlarmFilter(null, null, null, null, null, null, Set.of());

	public AlarmFilter {
		outcomes = (outcomes != null) ? Set.copyOf(outcomes) : Set.of();
	}

}
