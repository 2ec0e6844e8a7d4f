package io.videostore.recording.preroll.buffer;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * One complete buffered segment and the wall-clock time it covers (UTC).
 *
 * @param file the Matroska file
 * @param start when its first frame arrived
 * @param end when the next segment of the same connection began, or, for the newest one,
 * just after its last frame
 */
public record Segment(Path file, Instant start, Instant end) {

	public Duration duration() {
		return Duration.between(start, end);
	}

	/** True when this segment shows any moment of [from, to). */
	public boolean overlaps(Instant from, Instant to) {
		return end.isAfter(from) && start.isBefore(to);
	}

	Segment withEnd(Instant newEnd) {
		return new Segment(file, start, newEnd);
	}

}
