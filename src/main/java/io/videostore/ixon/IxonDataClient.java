package io.videostore.ixon;

import java.time.Instant;
import java.util.List;

/**
 * IXON's logged data of an agent (API v2, {@code reference/ixon-data.md}): its data
 * sources, tags, variables and alarm definitions, when its alarms went off, and the
 * points its tags logged ({@code POST /data}). Uses the {@link IxonClient}'s login,
 * discovery, headers and retries (429 and 5xx back off).
 */
public class IxonDataClient {

	private final IxonClient client;

	public IxonDataClient(IxonClient client) {
		this.client = client;
	}

	/** The agent's data sources ({@code AgentDataSourceList}). */
	public List<DataSource> sources(String companyId, String agentId) {
		throw new UnsupportedOperationException("not yet");
	}

	/** The agent's logged tags with their variables ({@code AgentDataTagList}). */
	public List<DataTag> tags(String companyId, String agentId) {
		throw new UnsupportedOperationException("not yet");
	}

	/** The agent's variables ({@code AgentDataVariableList}). */
	public List<DataVariable> variables(String companyId, String agentId) {
		throw new UnsupportedOperationException("not yet");
	}

	/** The agent's alarm definitions ({@code AgentDataAlarmList}). */
	public List<DataAlarm> alarms(String companyId, String agentId) {
		throw new UnsupportedOperationException("not yet");
	}

	/**
	 * When the agent's alarms went off between {@code from} and {@code to}
	 * ({@code AgentDataAlarmOccurrenceList}), oldest first.
	 */
	public List<AlarmOccurrence> occurrences(String companyId, String agentId, Instant from, Instant to) {
		throw new UnsupportedOperationException("not yet");
	}

	/**
	 * The points of every request, in one {@code POST /data} with a list body (one item
	 * per request), and more pages ({@code offset}) for the tags that filled a page;
	 * results in the order of the requests.
	 */
	public List<DataResult> data(String companyId, List<DataRequest> requests) {
		throw new UnsupportedOperationException("not yet");
	}

}
