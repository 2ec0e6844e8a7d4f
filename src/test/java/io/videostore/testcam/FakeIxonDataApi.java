package io.videostore.testcam;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The data API of {@link FakeIxon}: an agent's data lists and {@code POST /data} (see
 * {@link FakeIxonAgentData}), following {@code reference/ixon-data.md}. Where IXON's
 * behaviour is unknown, the choices are marked "assumed".
 */
final class FakeIxonDataApi {

	static final String DATA = "/api/data";

	static final Map<String, String> LINKS = linkPaths();

	private static final Pattern LIST = Pattern
		.compile("/api/agents/([^/]+)/(data-sources|data-variables|data-tags|data-alarms|alarm-occurrences)");

	private static final Pattern BETWEEN = Pattern.compile("between\\(occurredOn,\"([^\"]*)\",\"([^\"]*)\"\\)");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int MAX_LIMIT = 5000;

	private final FakeIxon ixon;

	FakeIxonDataApi(FakeIxon ixon) {
		this.ixon = ixon;
	}

	/** An IXON-shaped error answer, thrown from deep inside a body check. */
	private static final class Rejected extends RuntimeException {

		private final transient ResponseDefinitionBuilder answer;

		Rejected(int status, String message, String property) {
			super(message, null, false, false);
			this.answer = FakeIxonApi.error(status, message, property);
		}

	}

	static boolean handles(String path) {
		return path.equals(DATA) || LIST.matcher(path).matches();
	}

	ResponseDefinitionBuilder answer(String method, String path, String company, Map<String, String> query,
			String body) {
		Matcher list = LIST.matcher(path);
		if (list.matches() && method.equals("GET")) {
			return list(company, list.group(1), list.group(2), query);
		}
		if (path.equals(DATA) && method.equals("POST")) {
			try {
				return data(company, body);
			}
			catch (Rejected ex) {
				return ex.answer;
			}
		}
		return FakeIxonApi.error(405, "Method not allowed", null);
	}

	private ResponseDefinitionBuilder list(String company, String agentId, String list, Map<String, String> query) {
		if (this.ixon.agents.get(company).stream().noneMatch((a) -> a.get("publicId").equals(agentId))) {
			return FakeIxonApi.error(404, "Not found", "agentId");
		}
		FakeIxonAgentData data = this.ixon.agentData.get(agentId);
		List<Map<String, Object>> items = (data != null) ? data.list(list) : List.of();
		String filters = query.get("filters");
		if (filters != null && list.equals("alarm-occurrences")) {
			switch (this.ixon.filterPolicy) {
				case REJECTED -> {
					return FakeIxonApi.error(400, "Invalid value", "filters");
				}
				case HONOURED -> {
					Matcher m = BETWEEN.matcher(filters);
					Instant from = m.matches() ? time(m.group(1)) : null;
					Instant to = m.matches() ? time(m.group(2)) : null;
					if (from == null || to == null) {
						return FakeIxonApi.error(400, "Invalid value", "filters");
					}
					// Assumed: both ends inclusive.
					items = items.stream().filter((o) -> {
						Instant at = time(String.valueOf(o.get("occurredOn")));
						return at != null && !at.isBefore(from) && !at.isAfter(to);
					}).toList();
				}
				default -> {
					// IGNORED: as IXON may do with a filter it does not know.
				}
			}
		}
		return FakeIxonApi.page(items, query, this.ixon.maxPageSize);
	}

	private ResponseDefinitionBuilder data(String company, String body) {
		JsonNode json;
		try {
			json = JSON.readTree(body);
		}
		catch (JacksonException ex) {
			throw new Rejected(400, "Invalid JSON", null);
		}
		if (json == null || !(json.isArray() || json.isObject())) {
			throw new Rejected(400, "Invalid value", null);
		}
		List<Object> out = new ArrayList<>();
		if (json.isObject()) {
			out.add(item(company, json, ""));
		}
		for (int i = 0; json.isArray() && i < json.size(); i++) {
			out.add(item(company, json.get(i), "[" + i + "]."));
		}
		// An object body gets an object, a list body a list (OpenAPI; IXON code reads
		// data.points after sending one object).
		boolean object = json.isObject() || (this.ixon.oneItemAsObject && out.size() == 1);
		Object data = object ? out.get(0) : out;
		return FakeIxonApi.json(this.ixon.dataStatus, FakeIxonApi.envelope("Data", data, null));
	}

	private Map<String, Object> item(String company, JsonNode node, String at) {
		String sourceId = node.path("source").path("publicId").asString("");
		if (sourceId.isBlank()) {
			throw new Rejected(400, "Required field", at + "source.publicId");
		}
		FakeIxonAgentData agent = agentOf(company, sourceId);
		Instant start = time(node, "start", at);
		Instant end = time(node, "end", at);
		JsonNode tags = node.path("tags");
		if (!tags.isArray() || tags.isEmpty()) {
			throw new Rejected(400, "Required field", at + "tags");
		}
		Map<Instant, Map<String, Object>> points = new HashMap<>();
		for (int j = 0; j < tags.size(); j++) {
			tag(agent, sourceId, tags.get(j), start, end, at + "tags[" + j + "].", points);
		}
		boolean desc = tags.path(0).path("queries").path(0).path("order").asString("asc").equals("desc");
		List<Map<String, Object>> list = new ArrayList<>();
		points.keySet()
			.stream()
			.sorted(desc ? Comparator.reverseOrder() : Comparator.naturalOrder())
			.forEach((time) -> {
				Map<String, Object> point = new LinkedHashMap<>();
				point.put("time", time.toString());
				point.put("values", points.get(time));
				list.add(point);
			});
		Map<String, Object> item = new LinkedHashMap<>();
		item.put("start", node.path("start").asString(""));
		item.put("end", node.path("end").asString(""));
		item.put("timeZone", node.path("timeZone").asString("UTC"));
		item.put("source", Map.of("publicId", sourceId));
		item.put("points", list);
		return item;
	}

	private void tag(FakeIxonAgentData agent, String sourceId, JsonNode node, Instant start, Instant end, String at,
			Map<Instant, Map<String, Object>> points) {
		Map<String, Object> tag = findTag(agent, sourceId, node, at);
		String preAggr = node.path("preAggr").asString("raw");
		if (!preAggr.equals("raw")) {
			throw new Rejected(400, "Not supported by FakeIxon", at + "preAggr");
		}
		JsonNode queries = node.path("queries");
		if (!queries.isArray() || queries.isEmpty()) {
			throw new Rejected(400, "Required field", at + "queries");
		}
		FakeIxonAgentData.Series series = agent.series(tag);
		for (int k = 0; k < queries.size(); k++) {
			query(queries.get(k), at + "queries[" + k + "].", (series != null) ? series.window(start, end) : null,
					points);
		}
	}

	private static void query(JsonNode query, String at, FakeIxonAgentData.Window window,
			Map<Instant, Map<String, Object>> points) {
		String ref = query.path("ref").asString("");
		if (ref.isBlank()) {
			throw new Rejected(400, "Required field", at + "ref");
		}
		for (String unsupported : List.of("step", "postTransform", "factor", "operator", "decimals")) {
			if (query.has(unsupported)) {
				throw new Rejected(400, "Not supported by FakeIxon", at + unsupported);
			}
		}
		if (!query.path("postAggr").asString("raw").equals("raw")) {
			throw new Rejected(400, "Not supported by FakeIxon", at + "postAggr");
		}
		// Assumed: without limit, IXON's largest page; without order, oldest first.
		long limit = whole(query, "limit", MAX_LIMIT);
		if (limit < 1 || limit > MAX_LIMIT) {
			throw new Rejected(400, "Must be between 1 and " + MAX_LIMIT, at + "limit");
		}
		long offset = whole(query, "offset", 0);
		if (offset < 0) {
			throw new Rejected(400, "Must be at least 0", at + "offset");
		}
		String order = query.path("order").asString("asc");
		if (!order.equals("asc") && !order.equals("desc")) {
			throw new Rejected(400, "Invalid value", at + "order");
		}
		long size = (window != null) ? window.size() : 0;
		for (long i = offset; i < Math.min(size, offset + limit); i++) {
			FakeIxonAgentData.Point point = window.get(order.equals("desc") ? size - 1 - i : i);
			points.computeIfAbsent(point.time(), (t) -> new LinkedHashMap<>()).put(ref, point.value());
		}
	}

	private static Map<String, Object> findTag(FakeIxonAgentData agent, String sourceId, JsonNode node, String at) {
		boolean bySlug = node.path("slug").isString();
		if (!bySlug && !node.path("id").isIntegralNumber()) {
			throw new Rejected(400, "Required field", at + "slug");
		}
		String slug = node.path("slug").asString("");
		long id = node.path("id").asLong(-1);
		// Assumed: an unknown tag is a 404 rather than an empty answer.
		return agent.list("data-tags").stream().filter((t) -> {
			Object source = (t.get("source") instanceof Map<?, ?> s) ? s.get("publicId") : null;
			boolean match = bySlug ? slug.equals(t.get("slug"))
					: (t.get("tagId") instanceof Number n && n.longValue() == id);
			return sourceId.equals(source) && match;
		}).findFirst().orElseThrow(() -> new Rejected(404, "Not found", at + (bySlug ? "slug" : "id")));
	}

	private FakeIxonAgentData agentOf(String company, String sourceId) {
		return this.ixon.agents.get(company)
			.stream()
			.map((a) -> this.ixon.agentData.get((String) a.get("publicId")))
			.filter((d) -> d != null
					&& d.list("data-sources").stream().anyMatch((s) -> sourceId.equals(s.get("publicId"))))
			.findFirst()
			.orElseThrow(() -> new Rejected(404, "Not found", "source.publicId"));
	}

	// Assumed: any ISO date-time with an offset; the range includes start, not end.
	private static Instant time(JsonNode node, String field, String at) {
		if (!node.path(field).isString()) {
			throw new Rejected(400, "Required field", at + field);
		}
		Instant time = time(node.path(field).asString());
		if (time == null) {
			throw new Rejected(400, "Invalid value", at + field);
		}
		return time;
	}

	private static Instant time(String text) {
		try {
			return OffsetDateTime.parse(text).toInstant();
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private static long whole(JsonNode node, String field, long absent) {
		JsonNode value = node.get(field);
		if (value == null) {
			return absent;
		}
		return value.isIntegralNumber() ? value.asLong() : -1;
	}

	private static Map<String, String> linkPaths() {
		Map<String, String> links = new LinkedHashMap<>();
		links.put("DataList", DATA);
		links.put("AgentDataSourceList", "/api/agents/{agentId}/data-sources");
		links.put("AgentDataTagList", "/api/agents/{agentId}/data-tags");
		links.put("AgentDataVariableList", "/api/agents/{agentId}/data-variables");
		links.put("AgentDataAlarmList", "/api/agents/{agentId}/data-alarms");
		links.put("AgentDataAlarmOccurrenceList", "/api/agents/{agentId}/alarm-occurrences");
		return links;
	}

}
