package io.videostore.testcam;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * What one agent of a {@link FakeIxon} logs, as IXON's data API shows it: data sources,
 * variables, tags, alarm definitions, alarm occurrences and each tag's points. Get it
 * with {@link FakeIxon#agent(String)}; each method returns this, so declarations chain:
 *
 * <pre>
 * fake.agent("agentPress01")
 *     .source("srcPlc000001", "PLC", "plc")
 *     .variable("srcPlc000001", "varTemp00001", 101, "Temperature", "°C", "float")
 *     .tag("srcPlc000001", 7, "temperature", "interval", "varTemp00001")
 *     .points("temperature", start, Duration.ofSeconds(1), 3600, (t) -&gt; 20.5)
 *     .alarm("alrmHot00001", "Too hot", "srcPlc000001", "$101 80 &gt;")
 *     .occurrence("Too hot", Instant.parse("2026-05-01T10:00:03.250Z"));
 * </pre>
 *
 * Served at {@code /api/agents/{agentId}/data-sources}, {@code data-variables},
 * {@code data-tags}, {@code data-alarms} and {@code alarm-occurrences} (lists with
 * {@code fields}, {@code page-size}, {@code page-after}) and through {@code POST /data}.
 */
public final class FakeIxonAgentData {

	/** One logged value; {@code value} a Double, Long, Boolean, String or null. */
	public record Point(Instant time, Object value) {

		public static Point point(Instant time, Object value) {
			return new Point(time, value);
		}

	}

	/** The points of a tag within a time range, oldest first, read by index. */
	interface Window {

		long size();

		Point get(long index);

	}

	/** A tag's logged points, answering a time range on demand. */
	interface Series {

		/** Points at or after {@code start} and before {@code end}. */
		Window window(Instant start, Instant end);

	}

	final String agentId;

	final Map<String, List<Map<String, Object>>> lists = new ConcurrentHashMap<>();

	final Map<String, Series> series = new ConcurrentHashMap<>();

	FakeIxonAgentData(String agentId) {
		this.agentId = agentId;
		for (String list : List.of("data-sources", "data-variables", "data-tags", "data-alarms", "alarm-occurrences")) {
			this.lists.put(list, new CopyOnWriteArrayList<>());
		}
	}

	/** Adds a data source (a PLC connection). */
	public FakeIxonAgentData source(String publicId, String name, String slug) {
		return raw("data-sources",
				item("publicId", publicId, "name", name, "slug", slug, "protocol", "modbus", "disabled", false));
	}

	/**
	 * Adds a variable of a source; its slug is its name in lower case.
	 * @param variableId the number alarm formulas refer to it by ({@code $101})
	 * @param unit its unit, or null to leave the field out
	 * @param type {@code bool}, {@code int}, {@code float} or {@code str}, or null
	 */
	public FakeIxonAgentData variable(String sourceId, String publicId, long variableId, String name, String unit,
			String type) {
		Map<String, Object> variable = item("publicId", publicId, "variableId", variableId, "name", name, "slug",
				slug(name), "unit", unit, "type", type);
		variable.put("source", item("publicId", sourceId));
		return raw("data-variables", variable);
	}

	/**
	 * Adds a tag (the logging rule) for a variable declared before; the tag's name is the
	 * variable's and its publicId {@code tag} + the tagId padded to 9 digits.
	 * @param logEvent {@code interval}, {@code change} or {@code trigger}
	 */
	public FakeIxonAgentData tag(String sourceId, long tagId, String slug, String logEvent, String variableId) {
		Map<String, Object> variable = find("data-variables", "publicId", variableId);
		Map<String, Object> tag = item("publicId", String.format(Locale.ROOT, "tag%09d", tagId), "tagId", tagId, "name",
				variable.get("name"), "slug", slug, "logEvent", logEvent, "retentionPolicy", "52w");
		tag.put("source", item("publicId", sourceId));
		Map<String, Object> copy = new LinkedHashMap<>(variable);
		copy.remove("source");
		tag.put("variable", copy);
		return raw("data-tags", tag);
	}

	/** Adds an alarm definition; variables in the formula as {@code $<variableId>}. */
	public FakeIxonAgentData alarm(String publicId, String name, String sourceId, String formula) {
		Map<String, Object> alarm = item("publicId", publicId, "name", name, "type", "formula", "severity", "medium",
				"formula", formula);
		alarm.put("source", item("publicId", sourceId));
		return raw("data-alarms", alarm);
	}

	/** Adds an occurrence of the alarm with this name (declared before or not). */
	public FakeIxonAgentData occurrence(String alarmName, Instant occurredOn) {
		return occurrence(alarmName, occurredOn.toString());
	}

	/**
	 * Adds an occurrence with {@code occurredOn} exactly as given (to try other date
	 * formats).
	 */
	public FakeIxonAgentData occurrence(String alarmName, String occurredOn) {
		Map<String, Object> alarm = this.lists.get("data-alarms")
			.stream()
			.filter((a) -> alarmName.equals(a.get("name")))
			.findFirst()
			.orElse(item("name", alarmName));
		int n = this.lists.get("alarm-occurrences").size();
		Map<String, Object> occurrence = item("publicId", String.format(Locale.ROOT, "occ%09d", n), "occurredOn",
				occurredOn, "rtnOn", null, "acknowledgedOn", null);
		occurrence.put("alarm", alarm);
		return raw("alarm-occurrences", occurrence);
	}

	/**
	 * Adds an item to a list exactly as given, e.g. with fields left out, as IXON may.
	 * @param list {@code data-sources}, {@code data-variables}, {@code data-tags},
	 * {@code data-alarms} or {@code alarm-occurrences}
	 */
	public FakeIxonAgentData raw(String list, Map<String, Object> item) {
		List<Map<String, Object>> items = this.lists.get(list);
		if (items == null) {
			throw new IllegalArgumentException("No list " + list + "; there are " + this.lists.keySet());
		}
		items.add(item);
		return this;
	}

	/**
	 * The points the tag with this slug logged (any order; sorted here). Slugs name tags
	 * per agent here (IXON: per source), so give tags of one agent different slugs.
	 */
	public FakeIxonAgentData points(String slug, List<Point> points) {
		List<Point> sorted = points.stream().sorted(Comparator.comparing(Point::time)).toList();
		this.series.put(tagId(slug), (start, end) -> {
			List<Point> in = sorted.stream()
				.filter((p) -> !p.time().isBefore(start) && p.time().isBefore(end))
				.toList();
			return new Window() {
				public long size() {
					return in.size();
				}

				public Point get(long index) {
					return in.get((int) index);
				}
			};
		});
		return this;
	}

	/**
	 * Points every {@code interval} from {@code first} on, {@code count} of them (use
	 * {@code Long.MAX_VALUE} for no end), valued by {@code value}; only the points a
	 * request asks for are computed.
	 */
	public FakeIxonAgentData points(String slug, Instant first, Duration interval, long count,
			Function<Instant, Object> value) {
		this.series.put(tagId(slug), (start, end) -> {
			long from = start.isAfter(first) ? steps(first, start, interval) : 0;
			long to = end.isAfter(first) ? Math.min(count, steps(first, end, interval)) : 0;
			long size = Math.max(0, to - from);
			return new Window() {
				public long size() {
					return size;
				}

				public Point get(long index) {
					Instant time = first.plus(interval.multipliedBy(from + index));
					return new Point(time, value.apply(time));
				}
			};
		});
		return this;
	}

	/** Steps of {@code interval} from {@code first} to reach {@code time} or beyond. */
	private static long steps(Instant first, Instant time, Duration interval) {
		Duration span = Duration.between(first, time);
		long whole = span.dividedBy(interval);
		return interval.multipliedBy(whole).equals(span) ? whole : whole + 1;
	}

	/** The tag's points, by the tag's publicId; null when it logged none. */
	Series series(Map<String, Object> tag) {
		return this.series.get((String) tag.get("publicId"));
	}

	List<Map<String, Object>> list(String list) {
		return this.lists.get(list);
	}

	private String tagId(String slug) {
		return (String) find("data-tags", "slug", slug).get("publicId");
	}

	private Map<String, Object> find(String list, String field, Object value) {
		return this.lists.get(list)
			.stream()
			.filter((i) -> value.equals(i.get(field)))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException(
					"Agent " + this.agentId + " has no " + list + " item with " + field + " " + value));
	}

	private static String slug(String name) {
		return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]+", "-");
	}

	// Like Map.of, but ordered and keeping nulls out (IXON leaves out what it lacks).
	private static Map<String, Object> item(Object... pairs) {
		Map<String, Object> item = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			if (pairs[i + 1] != null) {
				item.put((String) pairs[i], pairs[i + 1]);
			}
		}
		return item;
	}

}
