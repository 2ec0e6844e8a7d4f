package io.videostore.api;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.videostore.clips.AlarmView;
import io.videostore.clips.search.AlarmClip;
import io.videostore.clips.search.AlarmSummary;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One alarm in full: what IXON sent (the alarm texts and the machine variables of
 * {@code extraInfo}), what became of it, its jobs and its clips. The sender's address and
 * the raw payload stay in the index.
 *
 * @param id the alarm id
 * @param createdOn IXON's createdOn (UTC)
 * @param receivedAt when the webhook arrived
 * @param companyId IXON company
 * @param deviceId IXON device id
 * @param deviceName IXON device name
 * @param label system label
 * @param text the alarm text ({@code shortContent})
 * @param longContent IXON's instructions ({@code longContent}), or null
 * @param outcome one of the outcome words
 * @param outcomeText the stored outcome sentence
 * @param outcomeAt when that was set
 * @param variables {@code extraInfo}: device id and name and the machine variables
 * @param jobs its recording jobs
 * @param clips its clips
 * @param links {@code self}, {@code ui}, the first clip's {@code video} and
 * {@code thumbnail}, and for a duplicate its {@code original}
 */
record AlarmDetail(long id, Instant createdOn, Instant receivedAt, String companyId, String deviceId, String deviceName,
		String label, String text, String longContent, String outcome, String outcomeText, Instant outcomeAt,
		Map<String, String> variables, List<JobItem> jobs, List<ClipItem> clips, Map<String, String> links) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern DUPLICATE_OF = Pattern.compile("^duplicate of alarm (\\d+)");

	static AlarmDetail of(AlarmSummary a, AlarmView stored) {
		JsonNode payload = payload(stored.payload());
		List<AlarmClip> clips = a.clips();
		Map<String, String> links = Links.forAlarm(a.id(),
				clips.stream().filter((c) -> !"deleted".equals(c.location())).findFirst().orElse(null));
		Matcher original = DUPLICATE_OF.matcher(String.valueOf(a.outcomeText()));
		if (original.find()) {
			links.put("original", Links.alarm(Long.parseLong(original.group(1))));
		}
		JsonNode longContent = payload.path("longContent");
		return new AlarmDetail(a.id(), a.createdOn(), a.receivedAt(), stored.companyId(), a.deviceId(), a.deviceName(),
				a.label(), a.text(), longContent.isString() ? longContent.asString() : null, a.status().value(),
				a.outcomeText(), stored.outcomeAt(), variables(payload.path("extraInfo")),
				a.recordings().stream().map(JobItem::of).toList(),
				clips.stream().map((c) -> ClipItem.of(c, a.createdOn())).toList(), links);
	}

	/** The stored body, or an empty object when it is no JSON (it always is). */
	private static JsonNode payload(String text) {
		try {
			JsonNode node = JSON.readTree(text);
			return (node != null && node.isObject()) ? node : JSON.createObjectNode();
		}
		catch (JacksonException ex) {
			return JSON.createObjectNode();
		}
	}

	/** {@code extraInfo}'s members as text, in the order IXON sent them. */
	private static Map<String, String> variables(JsonNode extraInfo) {
		Map<String, String> variables = new LinkedHashMap<>();
		if (extraInfo.isObject()) {
			extraInfo.properties()
				.forEach((e) -> variables.put(e.getKey(),
						e.getValue().isValueNode() ? e.getValue().asString() : e.getValue().toString()));
		}
		return variables;
	}

}
