package io.videostore.api.stats;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.videostore.api.AlarmQuery;
import io.videostore.api.BadParameterException;
import io.videostore.api.Parameters;
import io.videostore.clips.search.AlarmFilter;
import io.videostore.clips.search.AlarmStats;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/stats}: when machines alarm. Alarms per hour or day per device, per alarm
 * text, and per hour of the day and weekday, in the viewer's time zone; the list's
 * filters apply.
 */
@RestController
@RequestMapping("/api/stats")
@Tag(name = "Statistics", description = "Alarm counts over time, per device and per alarm text")
class StatsController {

	private static final String ZONE = "Time zone of the buckets, e.g. Europe/Amsterdam (default UTC)";

	private final AlarmStats stats;

	private final Clock clock;

	StatsController(AlarmStats stats, Clock clock) {
		this.stats = stats;
		this.clock = clock;
	}

	/**
	 * Alarms per bucket and device.
	 *
	 * @param bucket {@code day} or {@code hour}
	 * @param zone the time zone of the buckets
	 * @param from the first bucket's start
	 * @param to the end of the range
	 * @param starts each bucket's first instant
	 * @param labels each bucket's local date or hour
	 * @param series per device, its count in each bucket
	 * @param total all alarms counted
	 */
	record Timeline(String bucket, String zone, Instant from, Instant to, List<Instant> starts, List<String> labels,
			List<Series> series, long total) {
	}

	/** One device's counts, bucket by bucket. */
	record Series(String device, long[] counts, long total) {
	}

	@GetMapping("/timeline")
	@Operation(summary = "Alarms per day or hour per device (default: the last 30 days, or 7 for hours)")
	Timeline timeline(@ParameterObject AlarmQuery query,
			@Parameter(description = "day (default) or hour") @RequestParam(required = false) String bucket,
			@Parameter(description = ZONE) @RequestParam(required = false) String zone) {
		boolean days = bucket == null || bucket.equals("day");
		if (!days && !bucket.equals("hour")) {
			throw new BadParameterException("bucket", "day or hour");
		}
		ZoneId z = Parameters.zone(zone);
		AlarmFilter filter = range(query.filter(), Duration.ofDays(days ? 30 : 7));
		TimeBuckets buckets = new TimeBuckets(filter.from(), filter.to(), z, days);
		Map<String, long[]> byDevice = new TreeMap<>();
		for (AlarmStats.Count c : this.stats.counts(filter, true,
				TimeBuckets.utcMinutes(z, filter.from(), filter.to()))) {
			int i = buckets.indexOf(c.start());
			if (i >= 0) {
				byDevice.computeIfAbsent(c.device(), (d) -> new long[buckets.starts().size()])[i] += c.count();
			}
		}
		List<Series> series = new ArrayList<>();
		byDevice.forEach((device, counts) -> series.add(new Series(device, counts, Arrays.stream(counts).sum())));
		return new Timeline(days ? "day" : "hour", z.getId(),
				buckets.starts().isEmpty() ? filter.from() : buckets.starts().get(0), filter.to(), buckets.starts(),
				buckets.labels(), series, series.stream().mapToLong(Series::total).sum());
	}

	/**
	 * Alarms per hour of the day and weekday.
	 *
	 * @param zone the viewer's time zone
	 * @param from start of the range
	 * @param to end of the range
	 * @param weekdays the rows, Monday first
	 * @param counts per weekday (Monday first), the count of each hour 0 to 23
	 * @param max the largest count
	 * @param total all alarms counted
	 */
	record Heatmap(String zone, Instant from, Instant to, List<String> weekdays, long[][] counts, long max,
			long total) {
	}

	@GetMapping("/heatmap")
	@Operation(summary = "Alarms per hour of the day × weekday in the viewer's time zone (default: the last 365 "
			+ "days)")
	Heatmap heatmap(@ParameterObject AlarmQuery query,
			@Parameter(description = ZONE) @RequestParam(required = false) String zone) {
		ZoneId z = Parameters.zone(zone);
		AlarmFilter filter = range(query.filter(), Duration.ofDays(365));
		long[][] counts = new long[7][24];
		for (AlarmStats.Count c : this.stats.counts(filter, false,
				TimeBuckets.utcMinutes(z, filter.from(), filter.to()))) {
			ZonedDateTime local = c.start().atZone(z);
			counts[local.getDayOfWeek().getValue() - 1][local.getHour()] += c.count();
		}
		long max = Arrays.stream(counts).flatMapToLong(Arrays::stream).max().orElse(0);
		long total = Arrays.stream(counts).flatMapToLong(Arrays::stream).sum();
		return new Heatmap(z.getId(), filter.from(), filter.to(),
				Arrays.stream(DayOfWeek.values()).map(DayOfWeek::name).toList(), counts, max, total);
	}

	@GetMapping("/texts")
	@Operation(summary = "Alarm counts per alarm text (most frequent first; default: the last 365 days)")
	List<AlarmTexts.Text> texts(@ParameterObject AlarmQuery query, @Parameter(
			description = "How many texts, 1 to 100 (default 20)") @RequestParam(required = false) Integer limit) {
		int n = (limit == null) ? 20 : limit;
		if (n < 1 || n > 100) {
			throw new BadParameterException("limit", "must be from 1 to 100");
		}
		AlarmFilter filter = range(query.filter(), Duration.ofDays(365));
		return AlarmTexts.fold(this.stats.texts(filter, 1000), n);
	}

	/** The filter with {@code to} (default now) and {@code from} (default to − span). */
	private AlarmFilter range(AlarmFilter f, Duration span) {
		Instant to = (f.to() != null) ? f.to() : this.clock.instant();
		Instant from = (f.from() != null) ? f.from() : to.minus(span);
		if (!from.isBefore(to)) {
			throw new BadParameterException("from", "must be before to");
		}
		return new AlarmFilter(from, to, f.device(), f.camera(), f.text(), f.label(), f.outcomes());
	}

}
