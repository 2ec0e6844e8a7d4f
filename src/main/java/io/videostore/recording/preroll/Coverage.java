package io.videostore.recording.preroll;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.videostore.recording.preroll.buffer.Segment;

/**
 * Which parts of a window a list of segments leaves uncovered.
 */
final class Coverage {

	/** Shorter holes are frame jitter, not outages. */
	static final Duration TOLERANCE = Duration.ofMillis(250);

	private Coverage() {
	}

	/** The gaps in [from, to] not covered by {@code segments} (sorted by start). */
	static List<Gap> gaps(Instant from, Instant to, List<Segment> segments) {
		List<Gap> gaps = new ArrayList<>();
		Instant cursor = from;
		for (Segment s : segments) {
			addIfReal(gaps, cursor, s.start().isBefore(to) ? s.start() : to);
			if (s.end().isAfter(cursor)) {
				cursor = s.end();
			}
		}
		addIfReal(gaps, cursor, to);
		return gaps;
	}

	private static void addIfReal(List<Gap> gaps, Instant start, Instant end) {
		if (Duration.between(start, end).compareTo(TOLERANCE) > 0) {
			gaps.add(new Gap(start, end));
		}
	}

}
