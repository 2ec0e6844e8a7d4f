package io.videostore.ixon.data;

import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.videostore.ixon.IxonClient;
import io.videostore.ixon.IxonException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /data} ({@code DataList}) for {@link IxonDataClient}: the list body, each
 * tag's points by its ref, and more pages ({@code offset}) for the tags that filled one.
 */
final class DataFetch {

	private static final Logger log = LoggerFactory.getLogger(DataFetch.class);

	/** Builds the request bodies; IxonClient sends them and reads the answers. */
	private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

	/** Pages per tag at most (200,000 points at IXON's largest page), then we stop. */
	static final int MAX_PAGES = 40;

	private final IxonClient client;

	DataFetch(IxonClient client) {
		this.client = client;
	}

	/** One item to send: request {@code index} of the caller's list, maybe narrowed. */
	private record Pending(int index, DataRequest request) {
	}

	List<DataResult> fetch(String companyId, List<DataRequest> requests) {
		requests.forEach(DataFetch::check);
		List<Map<String, List<DataPoint>>> points = new ArrayList<>();
		List<Pending> pending = new ArrayList<>();
		for (DataRequest request : requests) {
			points.add(byRef(request));
			pending.add(new Pending(pending.size(), request));
		}
		URI uri = requests.isEmpty() ? null : client.link("DataList", Map.of(), Map.of());
		for (int page = 1; !pending.isEmpty(); page++) {
			List<JsonNode> items = post(uri, companyId, pending, page);
			List<Pending> next = new ArrayList<>();
			for (int i = 0; i < pending.size(); i++) {
				Pending p = pending.get(i);
				Map<String, List<DataPoint>> got = points(items.size() > i ? items.get(i) : null, p.request());
				got.forEach((ref, list) -> points.get(p.index()).get(ref).addAll(list));
				DataRequest more = nextPage(p.request(), got, page);
				if (more != null) {
					next.add(new Pending(p.index(), more));
				}
			}
			pending = next;
		}
		List<DataResult> results = new ArrayList<>();
		for (int i = 0; i < requests.size(); i++) {
			Map<String, List<DataPoint>> byRef = new LinkedHashMap<>();
			points.get(i).forEach((ref, list) -> byRef.put(ref, List.copyOf(list)));
			results.add(new DataResult(requests.get(i), Collections.unmodifiableMap(byRef)));
		}
		return results;
	}

	/** An empty list of points for each tag of the request, in its order. */
	private static Map<String, List<DataPoint>> byRef(DataRequest request) {
		Map<String, List<DataPoint>> byRef = new LinkedHashMap<>();
		request.tags().forEach((tag) -> byRef.put(tag.ref(), new ArrayList<>()));
		return byRef;
	}

	/**
	 * The request for the next page of the tags that filled this one, or null: when none
	 * did, when a page holds one point (a "value before the window" query), or when the
	 * page cap is reached.
	 */
	private static DataRequest nextPage(DataRequest request, Map<String, List<DataPoint>> got, int page) {
		List<DataRequest.Tag> full = request.tags()
			.stream()
			.filter((tag) -> got.get(tag.ref()).size() == request.limit())
			.toList();
		if (full.isEmpty() || request.limit() <= 1) {
			return null;
		}
		if (page >= MAX_PAGES) {
			log.warn("IXON data of source {} still had full pages after {} pages of {} points; keeping those",
					request.sourceId(), page, request.limit());
			return null;
		}
		return new DataRequest(request.sourceId(), request.start(), request.end(), full, request.limit(),
				request.offset() + request.limit(), request.descending());
	}

	private List<JsonNode> post(URI uri, String companyId, List<Pending> pending, int page) {
		ArrayNode body = JSON.arrayNode();
		pending.forEach((p) -> body.add(item(p.request())));
		int tags = pending.stream().mapToInt((p) -> p.request().tags().size()).sum();
		String what = "fetching IXON logged data (" + tags + (tags == 1 ? " tag" : " tags")
				+ ((page > 1) ? ", page " + page : "") + ") in company " + companyId;
		JsonNode data = client.post(uri, companyId, body.toString(), what).path("data");
		if (data.isArray()) {
			List<JsonNode> items = new ArrayList<>();
			data.forEach(items::add);
			return items;
		}
		if (data.isObject()) {
			// IXON answers a one-item body with an object; accepted for a list too.
			return List.of(data);
		}
		throw client.failure(new IxonException(IxonException.Kind.PROTOCOL, what + " failed: the answer has no data"));
	}

	private static ObjectNode item(DataRequest request) {
		ObjectNode item = JSON.objectNode();
		item.putObject("source").put("publicId", request.sourceId());
		item.put("start", floor(request.start()).toString());
		item.put("end", ceil(request.end()).toString());
		item.put("timeZone", "UTC");
		ArrayNode tags = item.putArray("tags");
		for (DataRequest.Tag tag : request.tags()) {
			ObjectNode t = tags.addObject();
			if (tag.slug() != null && !tag.slug().isBlank()) {
				t.put("slug", tag.slug());
			}
			else {
				t.put("id", tag.tagId());
			}
			// Not in IXON's OpenAPI, but IXON's own code always sends it (ixon-data.md
			// §2).
			t.put("preAggr", "raw");
			ObjectNode query = t.putArray("queries").addObject();
			query.put("ref", tag.ref());
			query.put("limit", request.limit());
			query.put("offset", request.offset());
			query.put("order", request.descending() ? "desc" : "asc");
		}
		return item;
	}

	/** Each tag's points in one answer item, in the order IXON sent them. */
	private static Map<String, List<DataPoint>> points(JsonNode item, DataRequest request) {
		Map<String, List<DataPoint>> byRef = byRef(request);
		int unreadable = 0;
		for (JsonNode point : (item != null) ? item.path("points") : JSON.arrayNode()) {
			Instant time = IxonJson.instant(IxonJson.text(point, "time"));
			if (time == null) {
				unreadable++;
				continue;
			}
			JsonNode values = point.path("values");
			byRef.forEach((ref, list) -> {
				if (values.has(ref)) {
					list.add(new DataPoint(time, IxonJson.value(values.get(ref))));
				}
			});
		}
		if (unreadable > 0) {
			log.warn("Skipped {} IXON data points of source {} without a readable time", unreadable,
					request.sourceId());
		}
		return byRef;
	}

	// Whole seconds, as IXON's own code sends: the start rounded down, the end up.
	private static Instant floor(Instant time) {
		return time.truncatedTo(ChronoUnit.SECONDS);
	}

	private static Instant ceil(Instant time) {
		Instant floor = floor(time);
		return floor.equals(time) ? floor : floor.plusSeconds(1);
	}

	private static void check(DataRequest request) {
		if (request.sourceId() == null || request.start() == null || request.end() == null || request.tags() == null
				|| request.tags().isEmpty()) {
			throw new IllegalArgumentException("A data request needs a source, a start, an end and tags: " + request);
		}
		List<String> refs = new ArrayList<>();
		for (DataRequest.Tag tag : request.tags()) {
			boolean bySlug = tag.slug() != null && !tag.slug().isBlank();
			if ((!bySlug && tag.tagId() == null) || tag.ref() == null || refs.contains(tag.ref())) {
				throw new IllegalArgumentException(
						"Each tag needs a slug or tagId and its own ref (" + tag + " in " + request + ")");
			}
			refs.add(tag.ref());
		}
	}

}
