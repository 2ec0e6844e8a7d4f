package io.videostore.context;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.videostore.ixon.Agent;
import io.videostore.ixon.IxonClient;
import io.videostore.ixon.data.DataAlarm;
import io.videostore.ixon.data.DataSource;
import io.videostore.ixon.data.DataTag;
import io.videostore.ixon.data.DataVariable;
import io.videostore.ixon.data.IxonDataClient;

/**
 * What IXON knows about an agent's logging, cached for an hour: the company's agents (to
 * find the alarm's), each agent's data sources and tags, its alarm definitions and
 * variables. A tag asked for but missing refreshes the agent's entry (at most every 5
 * minutes): it may have been added since.
 */
final class TagCatalog {

	static final Duration KEEP = Duration.ofHours(1);

	static final Duration REFRESH_AT_MOST_EVERY = Duration.ofMinutes(5);

	private final IxonClient client;

	private final IxonDataClient data;

	private final Clock clock;

	private final Map<String, Cached<List<Agent>>> agents = new ConcurrentHashMap<>();

	private final Map<String, Cached<Logging>> logging = new ConcurrentHashMap<>();

	private final Map<String, Cached<Definitions>> definitions = new ConcurrentHashMap<>();

	private record Cached<T>(T value, Instant at) {
	}

	/** An agent's data sources and tags. */
	record Logging(List<DataSource> sources, List<DataTag> tags) {

		String sourceName(String sourceId) {
			return this.sources.stream()
				.filter((s) -> s.publicId().equals(sourceId))
				.map(DataSource::name)
				.findFirst()
				.orElse(sourceId);
		}

	}

	/**
	 * An agent's alarm definitions and variables: from an alarm's formula to its tags.
	 */
	record Definitions(List<DataAlarm> alarms, List<DataVariable> variables) {
	}

	TagCatalog(IxonClient client, IxonDataClient data, Clock clock) {
		this.client = client;
		this.data = data;
		this.clock = clock;
	}

	/**
	 * The agent an alarm came from: the one whose publicId is Cloud Notify's "Device ID"
	 * (that they are the same is unconfirmed), else the one named as its "Device name".
	 */
	Optional<String> agent(String companyId, String deviceId, String deviceName) {
		List<Agent> list = fresh(this.agents, companyId, KEEP, () -> this.client.agents(companyId));
		return list.stream()
			.filter((a) -> a.publicId().equals(deviceId))
			.findFirst()
			.or(() -> list.stream().filter((a) -> AlarmNames.same(a.name(), deviceName)).findFirst())
			.map(Agent::publicId);
	}

	Logging logging(String companyId, String agentId) {
		return fresh(this.logging, companyId + "/" + agentId, KEEP,
				() -> new Logging(this.data.sources(companyId, agentId), this.data.tags(companyId, agentId)));
	}

	Definitions definitions(String companyId, String agentId) {
		return fresh(this.definitions, companyId + "/" + agentId, KEEP,
				() -> new Definitions(this.data.alarms(companyId, agentId), this.data.variables(companyId, agentId)));
	}

	/** The agent's logging again, unless it was read within the last 5 minutes. */
	Logging refreshed(String companyId, String agentId) {
		return fresh(this.logging, companyId + "/" + agentId, REFRESH_AT_MOST_EVERY,
				() -> new Logging(this.data.sources(companyId, agentId), this.data.tags(companyId, agentId)));
	}

	private <T> T fresh(Map<String, Cached<T>> cache, String key, Duration maxAge,
			java.util.function.Supplier<T> load) {
		Instant now = this.clock.instant();
		Cached<T> c = cache.get(key);
		if (c != null && c.at().plus(maxAge).isAfter(now)) {
			return c.value();
		}
		T value = load.get();
		cache.put(key, new Cached<>(value, now));
		return value;
	}

}
