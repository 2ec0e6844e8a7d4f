package io.videostore.context;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.videostore.clips.AlarmView;
import io.videostore.ixon.data.AlarmOccurrence;
import io.videostore.ixon.data.DataAlarm;
import io.videostore.ixon.data.DataPoint;
import io.videostore.ixon.data.DataRequest;
import io.videostore.ixon.data.DataResult;
import io.videostore.ixon.data.DataTag;
import io.videostore.ixon.data.DataVariable;
import io.videostore.ixon.data.IxonDataClient;

/**
 * An alarm's moment and signals from IXON ({@code reference/ixon-data.md}): its agent's
 * alarm occurrences, and its tags' points in one {@code POST /data} (one item per data
 * source, plus one per source for the value each on-change tag had before the window).
 */
final class IxonLoggedData implements LoggedData {

	/**
	 * How far before {@code createdOn} an occurrence is looked for (Cloud Notify's
	 * delay).
	 */
	static final Duration LOOK_BACK = Duration.ofMinutes(10);

	/** IXON's clock may run a little ahead of the one that stamped {@code createdOn}. */
	static final Duration LOOK_AHEAD = Duration.ofMinutes(1);

	/** Two occurrences of one alarm this close cannot be told apart by a webhook. */
	static final Duration AMBIGUOUS_WITHIN = Duration.ofSeconds(60);

	/**
	 * The earliest time asked for the value in force before a window (IXON code uses
	 * 2020).
	 */
	static final Instant EARLIEST = Instant.parse("2020-01-01T00:00:00Z");

	/**
	 * A window that ended this recently may not be in IXON's log yet (routers upload in
	 * batches).
	 */
	static final Duration SETTLING = Duration.ofMinutes(10);

	private final IxonDataClient data;

	private final TagCatalog catalog;

	private final String fallbackCompany;

	private final int maxTags;

	private final Clock clock;

	IxonLoggedData(IxonDataClient data, TagCatalog catalog, String fallbackCompany, int maxTags, Clock clock) {
		this.data = data;
		this.catalog = catalog;
		this.fallbackCompany = fallbackCompany;
		this.maxTags = maxTags;
		this.clock = clock;
	}

	@Override
	public Anchor anchor(AlarmView alarm) {
		String company = company(alarm);
		Optional<String> agent = this.catalog.agent(company, alarm.deviceId(), alarm.deviceName());
		if (agent.isEmpty()) {
			return new Anchor(null, noAgent(alarm, company) + ": createdOn is the anchor");
		}
		Instant created = alarm.createdOn().toInstant(ZoneOffset.UTC);
		String name = AlarmNames.fromText(alarm.shortContent(), alarm.deviceName());
		List<AlarmOccurrence> named = this.data
			.occurrences(company, agent.get(), created.minus(LOOK_BACK), created.plus(LOOK_AHEAD))
			.stream()
			.filter((o) -> AlarmNames.same(o.alarmName(), name))
			.toList();
		if (named.isEmpty()) {
			return new Anchor(null, "IXON logged no occurrence of '" + name + "' in the " + LOOK_BACK.toMinutes()
					+ " min before createdOn: createdOn is the anchor");
		}
		AlarmOccurrence best = named.stream()
			.min(Comparator.comparing((AlarmOccurrence o) -> Duration.between(o.occurredOn(), created).abs()))
			.orElseThrow();
		List<AlarmOccurrence> close = named.stream()
			.filter((o) -> Duration.between(o.occurredOn(), best.occurredOn()).abs().compareTo(AMBIGUOUS_WITHIN) <= 0)
			.toList();
		if (close.size() > 1) {
			return new Anchor(null,
					close.size() + " occurrences of '" + name + "' within " + AMBIGUOUS_WITHIN.toSeconds() + " s ("
							+ close.stream().map((o) -> o.occurredOn().toString()).collect(Collectors.joining(", "))
							+ "): which one this alarm is cannot be told, so createdOn is the anchor");
		}
		double late = Duration.between(best.occurredOn(), created).toMillis() / 1000.0;
		return new Anchor(best.occurredOn(),
				String.format(Locale.ROOT, "IXON's occurrence of '%s' at %s; Cloud Notify's createdOn was %.1f s later",
						name, best.occurredOn(), late));
	}

	@Override
	public Signals fetch(AlarmView alarm, List<String> tags, Instant from, Instant to) {
		String company = company(alarm);
		Optional<String> agent = this.catalog.agent(company, alarm.deviceId(), alarm.deviceName());
		if (agent.isEmpty()) {
			return new Signals(List.of(), List.of(noAgent(alarm, company)), false);
		}
		List<String> problems = new ArrayList<>();
		TagCatalog.Logging logging = this.catalog.logging(company, agent.get());
		List<DataTag> chosen = choose(alarm, company, agent.get(), tags, logging, problems);
		if (chosen.isEmpty() && !tags.isEmpty()) {
			logging = this.catalog.refreshed(company, agent.get());
			problems.clear();
			chosen = choose(alarm, company, agent.get(), tags, logging, problems);
		}
		if (chosen.isEmpty()) {
			problems.add("agent '" + alarm.deviceName() + "' logs no tags (IXON data logging)");
			return new Signals(List.of(), problems, false);
		}
		List<DataRequest> requests = requests(chosen, from, to);
		List<DataResult> results = this.data.data(company, requests);
		return signals(chosen, logging, requests, results, from, to, problems);
	}

	private List<DataTag> choose(AlarmView alarm, String company, String agent, List<String> slugs,
			TagCatalog.Logging logging, List<String> problems) {
		if (!slugs.isEmpty()) {
			List<DataTag> chosen = new ArrayList<>();
			for (String slug : slugs) {
				Optional<DataTag> tag = logging.tags().stream().filter((t) -> slug.equals(t.slug())).findFirst();
				tag.ifPresentOrElse(chosen::add, () -> problems
					.add("tag '" + slug + "' (context.tags) is not logged on agent '" + alarm.deviceName() + "'"));
			}
			return chosen;
		}
		List<DataTag> ofFormula = formulaTags(alarm, company, agent, logging);
		if (!ofFormula.isEmpty()) {
			return ofFormula;
		}
		return logging.tags()
			.stream()
			.sorted(Comparator.comparing(DataTag::name, String.CASE_INSENSITIVE_ORDER))
			.limit(this.maxTags)
			.toList();
	}

	/** The tags of the variables in the alarm's formula, when its definition is found. */
	private List<DataTag> formulaTags(AlarmView alarm, String company, String agent, TagCatalog.Logging logging) {
		String name = AlarmNames.fromText(alarm.shortContent(), alarm.deviceName());
		TagCatalog.Definitions definitions = this.catalog.definitions(company, agent);
		Optional<DataAlarm> definition = definitions.alarms()
			.stream()
			.filter((a) -> AlarmNames.same(a.name(), name))
			.findFirst();
		Set<Long> ids = definition.map((d) -> AlarmNames.variables(d.formula())).orElse(Set.of());
		if (ids.isEmpty()) {
			return List.of();
		}
		Set<String> variables = definitions.variables()
			.stream()
			.filter((v) -> ids.contains(v.variableId()))
			.map(DataVariable::publicId)
			.collect(Collectors.toSet());
		return logging.tags().stream().filter((t) -> variables.contains(t.variableId())).toList();
	}

	/**
	 * Per data source: its tags in the window, and its step tags' last value before it.
	 */
	private static List<DataRequest> requests(List<DataTag> tags, Instant from, Instant to) {
		Map<String, List<DataTag>> bySource = tags.stream()
			.collect(Collectors.groupingBy(DataTag::sourceId, LinkedHashMap::new, Collectors.toList()));
		List<DataRequest> requests = new ArrayList<>();
		bySource.forEach((source, list) -> {
			requests.add(new DataRequest(source, from, to, list.stream().map(IxonLoggedData::ref).toList(),
					DataRequest.MAX_LIMIT, 0, false));
			List<DataRequest.Tag> steps = list.stream().filter(IxonLoggedData::step).map(IxonLoggedData::ref).toList();
			if (!steps.isEmpty()) {
				requests.add(new DataRequest(source, EARLIEST, from, steps, 1, 0, true));
			}
		});
		return requests;
	}

	private Signals signals(List<DataTag> chosen, TagCatalog.Logging logging, List<DataRequest> requests,
			List<DataResult> results, Instant from, Instant to, List<String> problems) {
		List<Series> series = new ArrayList<>();
		boolean late = false;
		boolean recent = Duration.between(to, this.clock.instant()).compareTo(SETTLING) < 0;
		for (DataTag tag : chosen) {
			String ref = ref(tag).ref();
			List<DataPoint> points = new ArrayList<>();
			DataPoint before = null;
			for (int i = 0; i < requests.size() && i < results.size(); i++) {
				if (!requests.get(i).sourceId().equals(tag.sourceId())) {
					continue;
				}
				List<DataPoint> got = results.get(i).points().getOrDefault(ref, List.of());
				if (requests.get(i).descending()) {
					before = got.isEmpty() ? null : got.get(0);
				}
				else {
					points.addAll(got);
				}
			}
			if (step(tag) && before != null && (points.isEmpty() || points.get(0).time().isAfter(from))) {
				// The value in force when the window starts, stamped at its start.
				points.add(0, new DataPoint(from, before.value()));
			}
			if (points.isEmpty()) {
				problems.add("no points of '" + tag.name() + "' in the window");
				continue;
			}
			if (!step(tag) && recent && points.get(points.size() - 1).time().isBefore(to.minusSeconds(15))) {
				late = true;
			}
			series.add(new Series(logging.sourceName(tag.sourceId()), tag.sourceId(), tag.name(), tag.slug(),
					tag.unit(), tag.type(), tag.logEvent(), step(tag), points));
		}
		if (late) {
			problems.add("the log did not reach the window's end yet (IXON routers upload in batches)");
		}
		return new Signals(series, problems, late);
	}

	/**
	 * Logged on change or on a trigger, or a boolean: drawn as steps, seeded with the
	 * value before.
	 */
	static boolean step(DataTag tag) {
		return "change".equals(tag.logEvent()) || "trigger".equals(tag.logEvent()) || "bool".equals(tag.type());
	}

	private static DataRequest.Tag ref(DataTag tag) {
		boolean bySlug = tag.slug() != null && !tag.slug().isBlank();
		return new DataRequest.Tag(bySlug ? tag.slug() : null, bySlug ? null : tag.tagId(),
				bySlug ? tag.slug() : "tag-" + tag.tagId());
	}

	private String company(AlarmView alarm) {
		return (alarm.companyId() != null && !alarm.companyId().isBlank()) ? alarm.companyId() : this.fallbackCompany;
	}

	private static String noAgent(AlarmView alarm, String company) {
		return "no IXON agent with the alarm's Device ID '" + alarm.deviceId() + "' or name '" + alarm.deviceName()
				+ "' in company " + company;
	}

}
