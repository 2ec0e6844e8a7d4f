package io.videostore.ixon.data;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import io.videostore.ixon.IxonClient;
import io.videostore.ixon.IxonException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import static io.videostore.ixon.data.IxonJson.number;
import static io.videostore.ixon.data.IxonJson.text;

/**
 * IXON's logged data of an agent (API v2, {@code reference/ixon-data.md}): its data
 * sources, tags, variables and alarm definitions, when its alarms went off, and the
 * points its tags logged ({@code POST /data}). Uses the {@link IxonClient}'s login,
 * discovery, headers and retries (429 and 5xx back off).
 */
public class IxonDataClient {

	private static final Logger log = LoggerFactory.getLogger(IxonDataClient.class);

	private final IxonClient client;

	private final DataFetch fetch;

	private volatile boolean filterRefused;

	public IxonDataClient(IxonClient client) {
		this.client = client;
		this.fetch = new DataFetch(client);
	}

	/** The agent's data sources ({@code AgentDataSourceList}). */
	public List<DataSource> sources(String companyId, String agentId) {
		return list("AgentDataSourceList", companyId, agentId, "publicId,name,slug", "data sources", Map.of(),
				(n) -> new DataSource(text(n, "publicId"), text(n, "name"), text(n, "slug")));
	}

	/** The agent's logged tags with their variables ({@code AgentDataTagList}). */
	public List<DataTag> tags(String companyId, String agentId) {
		// Nested fields as dotted paths, as IXON's own code asks (ixon-data.md §3).
		String fields = "publicId,tagId,name,slug,source.publicId,logEvent,"
				+ "variable.publicId,variable.name,variable.unit,variable.type";
		return list("AgentDataTagList", companyId, agentId, fields, "data tags", Map.of(),
				(n) -> new DataTag(text(n, "publicId"), number(n, "tagId"), text(n, "name"), text(n, "slug"),
						text(n, "source.publicId"), text(n, "logEvent"), text(n, "variable.publicId"),
						text(n, "variable.name"), text(n, "variable.unit"), text(n, "variable.type")));
	}

	/** The agent's variables ({@code AgentDataVariableList}). */
	public List<DataVariable> variables(String companyId, String agentId) {
		return list("AgentDataVariableList", companyId, agentId, "publicId,variableId,name,slug", "data variables",
				Map.of(), (n) -> new DataVariable(text(n, "publicId"), number(n, "variableId"), text(n, "name"),
						text(n, "slug")));
	}

	/** The agent's alarm definitions ({@code AgentDataAlarmList}). */
	public List<DataAlarm> alarms(String companyId, String agentId) {
		return list("AgentDataAlarmList", companyId, agentId, "publicId,name,source.publicId,formula", "data alarms",
				Map.of(), (n) -> new DataAlarm(text(n, "publicId"), text(n, "name"), text(n, "source.publicId"),
						text(n, "formula")));
	}

	/**
	 * When the agent's alarms went off between {@code from} and {@code to}
	 * ({@code AgentDataAlarmOccurrenceList}), oldest first.
	 */
	public List<AlarmOccurrence> occurrences(String companyId, String agentId, Instant from, Instant to) {
		// The filter syntax is unconfirmed (IXON documents gte and between, untested), so
		// IXON may ignore it: the window is applied here as well. If IXON rejects it,
		// the list is asked for unfiltered from then on.
		String filter = "between(occurredOn,\"" + from.truncatedTo(ChronoUnit.SECONDS) + "\",\""
				+ to.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1) + "\")";
		List<AlarmOccurrence> all;
		try {
			all = occurrences(companyId, agentId, filterRefused ? Map.of() : Map.of("filters", filter));
		}
		catch (IxonException ex) {
			if (filterRefused || !aboutFilter(ex)) {
				throw ex;
			}
			log.info("IXON refused the alarm-occurrence date filter ({}); filtering here instead", ex.getMessage());
			filterRefused = true;
			all = occurrences(companyId, agentId, Map.of());
		}
		return all.stream()
			.filter((o) -> o.occurredOn() != null && !o.occurredOn().isBefore(from) && !o.occurredOn().isAfter(to))
			.sorted(Comparator.comparing(AlarmOccurrence::occurredOn))
			.toList();
	}

	/**
	 * The points of every request, in one {@code POST /data} with a list body (one item
	 * per request), and more pages ({@code offset}) for the tags that filled a page;
	 * results in the order of the requests.
	 */
	public List<DataResult> data(String companyId, List<DataRequest> requests) {
		return fetch.fetch(companyId, requests);
	}

	private List<AlarmOccurrence> occurrences(String companyId, String agentId, Map<String, String> filter) {
		return list("AgentDataAlarmOccurrenceList", companyId, agentId, "occurredOn,alarm.publicId,alarm.name",
				"alarm occurrences", filter, (n) -> new AlarmOccurrence(IxonJson.instant(text(n, "occurredOn")),
						text(n, "alarm.publicId"), text(n, "alarm.name")));
	}

	private <T> List<T> list(String rel, String companyId, String agentId, String fields, String what,
			Map<String, String> extra, Function<JsonNode, T> item) {
		Objects.requireNonNull(agentId, "agentId");
		return client.list(rel, Map.of("agentId", agentId), extra, companyId, fields,
				"listing the " + what + " of IXON agent " + agentId + " in company " + companyId, item);
	}

	private static boolean aboutFilter(IxonException ex) {
		String said = (ex.propertyName() + " " + ex.ixonMessage()).toLowerCase(Locale.ROOT);
		return (ex.status() == 400 || ex.status() == 422) && said.contains("filter");
	}

}
