package io.videostore.api.stats;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.videostore.api.BadParameterException;

/**
 * Hours or days of a time zone between two instants, for charts: the database counts
 * alarms per UTC hour (per quarter hour where the zone's offset is not whole hours), and
 * each of those falls wholly into one of these.
 */
final class TimeBuckets {

	/** The most buckets one chart gets. */
	static final int MAX = 1000;

	private final ZoneId zone;

	private final boolean days;

	private final List<Instant> starts = new ArrayList<>();

	private final Map<Instant, Integer> index = new HashMap<>();

	TimeBuckets(Instant from, Instant to, ZoneId zone, boolean days) {
		this.zone = zone;
		this.days = days;
		for (Instant start = start(from); start.isBefore(to); start = next(start)) {
			if (this.starts.size() == MAX) {
				throw new BadParameterException("from", "the range from from to to holds more than " + MAX + " "
						+ (days ? "days" : "hours") + "; choose a shorter one or bucket=day");
			}
			this.index.put(start, this.starts.size());
			this.starts.add(start);
		}
	}

	/** The bucket holding an instant. */
	Instant start(Instant instant) {
		ZonedDateTime local = instant.atZone(this.zone);
		return this.days ? local.toLocalDate().atStartOfDay(this.zone).toInstant()
				: local.truncatedTo(ChronoUnit.HOURS).toInstant();
	}

	private Instant next(Instant start) {
		return this.days ? start.atZone(this.zone).toLocalDate().plusDays(1).atStartOfDay(this.zone).toInstant()
				: start.plus(Duration.ofHours(1));
	}

	/** The position of the bucket holding an instant, or -1 outside the range. */
	int indexOf(Instant instant) {
		return this.index.getOrDefault(start(instant), -1);
	}

	List<Instant> starts() {
		return this.starts;
	}

	/**
	 * Each bucket's local date ({@code 2026-11-26}) or local hour
	 * ({@code 2026-11-26T13:00}).
	 */
	List<String> labels() {
		return this.starts.stream().map((s) -> {
			ZonedDateTime local = s.atZone(this.zone);
			return this.days ? local.toLocalDate().toString() : local.toLocalDateTime().toString();
		}).toList();
	}

	/**
	 * The length in minutes of the UTC buckets that fall wholly into the zone's hours
	 * throughout the range: 60, or 30 for offsets such as India's +05:30, or 15 for
	 * Nepal's +05:45.
	 */
	static int utcMinutes(ZoneId zone, Instant from, Instant to) {
		ZoneRules rules = zone.getRules();
		int minutes = minutes(rules.getOffset(from).getTotalSeconds());
		for (ZoneOffsetTransition t = rules.nextTransition(from); t != null
				&& t.getInstant().isBefore(to); t = rules.nextTransition(t.getInstant())) {
			minutes = Math.min(minutes, minutes(t.getOffsetAfter().getTotalSeconds()));
		}
		return minutes;
	}

	private static int minutes(int offsetSeconds) {
		return (offsetSeconds % 3600 == 0) ? 60 : (offsetSeconds % 1800 == 0) ? 30 : 15;
	}

}
