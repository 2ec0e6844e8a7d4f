package io.videostore.testcam;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The behaviour of {@link FakeIxon}: one WireMock transformer that answers like IXON API
 * v2.
 */
final class FakeIxonApi implements ResponseDefinitionTransformerV2 {

	static final String NAME = "fake-ixon";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final SecureRandom RANDOM = new SecureRandom();

	private final FakeIxon ixon;

	private final FakeIxonDataApi data;

	FakeIxonApi(FakeIxon ixon) {
		this.ixon = ixon;
		this.data = new FakeIxonDataApi(ixon);
	}

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public boolean applyGlobally() {
		return false;
	}

	@Override
	public ResponseDefinition transform(ServeEvent event) {
		Request request = event.getRequest();
		URI uri = URI.create(request.getUrl());
		Deque<FakeIxon.Fault> queue = this.ixon.faults.get(uri.getPath());
		FakeIxon.Fault fault = (queue != null) ? queue.poll() : null;
		if (fault != null && fault.status() > 0) {
			ResponseDefinitionBuilder b = error(fault.status(),
					fault.status() == 429 ? "Too Many Requests" : "Internal server error", null);
			return (fault.retryAfterSeconds() > 0 ? b.withHeader("Retry-After", "" + fault.retryAfterSeconds()) : b)
				.build();
		}
		ResponseDefinitionBuilder answer = answer(request, uri);
		return (fault != null ? answer.withFixedDelay(fault.delayMillis()) : answer).build();
	}

	private ResponseDefinitionBuilder answer(Request request, URI uri) {
		ResponseDefinitionBuilder headers = checkHeader(request, "Api-Version", "2");
		if (headers == null) {
			headers = checkHeader(request, "Api-Application", FakeIxon.APPLICATION);
		}
		if (headers != null) {
			return headers;
		}
		String path = uri.getPath();
		String method = request.getMethod().getName();
		if (path.equals("/api/") && method.equals("GET")) {
			return discovery();
		}
		if (path.equals("/api/access-tokens") && method.equals("POST")) {
			return new FakeIxonLogin(this.ixon).login(request, query(uri));
		}
		if (!List.of("/api/companies", "/api/agents", this.ixon.webAccessPath).contains(path)
				&& !FakeIxonDataApi.handles(path)) {
			return error(404, "Not found", null);
		}
		ResponseDefinitionBuilder bearer = checkBearer(request);
		if (bearer != null) {
			return bearer;
		}
		if (path.equals("/api/companies") && method.equals("GET")) {
			return page(this.ixon.companies, query(uri), this.ixon.maxPageSize);
		}
		if (path.equals("/api/agents") && method.equals("GET")) {
			String company = request.getHeader("Api-Company");
			ResponseDefinitionBuilder bad = checkCompany(company);
			return (bad != null) ? bad : page(this.ixon.agents.get(company), query(uri), this.ixon.maxPageSize);
		}
		if (FakeIxonDataApi.handles(path)) {
			String company = request.getHeader("Api-Company");
			ResponseDefinitionBuilder bad = checkCompany(company);
			return (bad != null) ? bad : this.data.answer(method, path, company, query(uri), request.getBodyAsString());
		}
		if (path.equals(this.ixon.webAccessPath) && method.equals("POST")) {
			String company = request.getHeader("Api-Company");
			ResponseDefinitionBuilder bad = checkCompany(company);
			return (bad != null) ? bad : webAccess(company, request.getBodyAsString());
		}
		return error(404, "Not found", null);
	}

	private ResponseDefinitionBuilder discovery() {
		String base = "http://127.0.0.1:" + URI.create(this.ixon.baseUrl().toString()).getPort();
		List<Map<String, String>> links = new ArrayList<>();
		links.add(link("AccessTokenList", base + "/api/access-tokens"));
		links.add(link("CompanyList", base + "/api/companies"));
		links.add(link("AgentList", base + "/api/agents"));
		links.add(link("Agent", base + "/api/agents/{publicId}"));
		links.add(link("AgentServer", base + "/api/agents/{agentId}/servers/{publicId}"));
		links.add(link("WebAccess", base + this.ixon.webAccessPath));
		FakeIxonDataApi.LINKS.forEach((rel, path) -> links.add(link(rel, base + path)));
		links.removeIf((l) -> this.ixon.withoutLinks.contains(l.get("rel")));
		if (this.ixon.v1Discovery) {
			return json(200, Map.of("links", links));
		}
		return json(200, envelope("Discovery", links, null));
	}

	// The cursor (moreAfter, page-after) is the last item's publicId, or its position
	// for items without one.
	static ResponseDefinitionBuilder page(List<Map<String, Object>> all, Map<String, String> query, int maxPageSize) {
		int asked = Integer.parseInt(query.getOrDefault("page-size", "20"));
		int size = Math.min(asked, maxPageSize);
		String after = query.get("page-after");
		int start = 0;
		if (after != null) {
			while (start < all.size() && !cursor(all, start).equals(after)) {
				start++;
			}
			start++;
		}
		List<String> fields = (query.get("fields") == null) ? List.of("publicId", "name")
				: List.of(query.get("fields").split(","));
		List<Map<String, Object>> items = new ArrayList<>();
		for (int i = start; i < Math.min(all.size(), start + size); i++) {
			items.add(select(all.get(i), fields));
		}
		boolean more = start + size < all.size();
		return json(200, envelope("List", items, more ? cursor(all, start + size - 1) : null));
	}

	private static String cursor(List<Map<String, Object>> all, int index) {
		Object id = all.get(index).get("publicId");
		return (id != null) ? id.toString() : "at" + index;
	}

	// Like IXON: only the requested fields, dotted paths within sub-objects and lists of
	// them ("servers.publicId"), "*" for all plain fields, "source.*" for a whole
	// sub-object; without fields= only publicId and name.
	static Map<String, Object> select(Map<?, ?> item, List<String> fields) {
		Map<String, List<String>> wanted = new LinkedHashMap<>();
		for (String field : fields) {
			int dot = field.indexOf('.');
			String head = (dot < 0) ? field : field.substring(0, dot);
			wanted.computeIfAbsent(head, (h) -> new ArrayList<>()).add((dot < 0) ? "*" : field.substring(dot + 1));
		}
		Map<String, Object> out = new LinkedHashMap<>();
		item.forEach((key, value) -> {
			List<String> inner = wanted.get(key);
			boolean nested = value instanceof Map || value instanceof List;
			if (inner == null) {
				if (wanted.containsKey("*") && !nested) {
					out.put((String) key, value);
				}
			}
			else {
				out.put((String) key, (!nested || inner.contains("*")) ? value : selectWithin(value, inner));
			}
		});
		return out;
	}

	private static Object selectWithin(Object value, List<String> fields) {
		if (value instanceof Map<?, ?> map) {
			return select(map, fields);
		}
		return ((List<?>) value).stream().map((v) -> (v instanceof Map<?, ?> m) ? select(m, fields) : v).toList();
	}

	private ResponseDefinitionBuilder webAccess(String company, String body) {
		this.ixon.webAccessBodies.add(body);
		JsonNode json = JSON.readTree(body);
		boolean hasMethod = json.has("method");
		if (!hasMethod && this.ixon.methodPolicy == FakeIxon.MethodPolicy.REQUIRED) {
			return error(400, "Required field", "method");
		}
		if (hasMethod && this.ixon.methodPolicy == FakeIxon.MethodPolicy.REJECTED) {
			return error(400, "Unknown field", "method");
		}
		String server = json.path("server").path("publicId").asString("");
		boolean known = this.ixon.agents.get(company)
			.stream()
			.flatMap((a) -> ((List<?>) a.get("servers")).stream())
			.map((s) -> (Map<?, ?>) s)
			.anyMatch((s) -> s.get("publicId").equals(server) && s.get("type").equals("http"));
		if (!known) {
			return error(404, "Not found", "server.publicId");
		}
		URI url = (this.ixon.proxy != null) ? this.ixon.proxy.issueUrl() : URI.create("http://127.0.0.1:9/?auth=x");
		if (this.ixon.staleUrls) {
			url = URI.create(url.toString().replace("?auth=", "?auth=STALE"));
		}
		return json(201, envelope("WebAccess", Map.of("url", url.toString()), null));
	}

	private static ResponseDefinitionBuilder checkHeader(Request request, String name, String expected) {
		String value = request.getHeader(name);
		if (value == null) {
			return error(400, "Required header", name);
		}
		return value.equals(expected) ? null : error(400, "Invalid value", name);
	}

	private ResponseDefinitionBuilder checkCompany(String company) {
		if (company == null) {
			return error(400, "Required header", "Api-Company");
		}
		return this.ixon.agents.containsKey(company) ? null : error(403, "Invalid value", "Api-Company");
	}

	private ResponseDefinitionBuilder checkBearer(Request request) {
		String header = request.getHeader("Authorization");
		if (header == null || !header.startsWith("Bearer ")) {
			return error(401, "Required header", "Authorization");
		}
		String secret = header.substring("Bearer ".length());
		Long expiry = this.ixon.tokens.get(secret);
		boolean valid = secret.equals(FakeIxon.SERVICE_ACCOUNT_TOKEN)
				|| (expiry != null && expiry > Instant.now().toEpochMilli());
		return valid ? null : error(401, "Invalid value", "Authorization");
	}

	static String newSecret() {
		return HexFormat.of().formatHex(RANDOM.generateSeed(16));
	}

	static Map<String, String> query(URI uri) {
		Map<String, String> out = new LinkedHashMap<>();
		if (uri.getRawQuery() != null) {
			for (String pair : uri.getRawQuery().split("&")) {
				String[] kv = pair.split("=", 2);
				out.put(decode(kv[0]), kv.length > 1 ? decode(kv[1]) : "");
			}
		}
		return out;
	}

	private static String decode(String s) {
		return java.net.URLDecoder.decode(s, StandardCharsets.UTF_8);
	}

	static Map<String, Object> envelope(String type, Object data, Object moreAfter) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", type);
		body.put("data", data);
		body.put("moreAfter", moreAfter);
		body.put("status", "success");
		return body;
	}

	static ResponseDefinitionBuilder error(int status, String message, String property) {
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("message", message);
		error.put("propertyName", property);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", "Error");
		body.put("data", List.of(error));
		body.put("moreAfter", null);
		body.put("status", "error");
		return json(status, body);
	}

	static ResponseDefinitionBuilder json(int status, Object body) {
		return new ResponseDefinitionBuilder().withStatus(status)
			.withHeader("Content-Type", "application/json")
			.withBody(JSON.writeValueAsString(body));
	}

	private static Map<String, String> link(String rel, String href) {
		return Map.of("rel", rel, "href", href);
	}

	static String basicDecode(String header) {
		return new String(Base64.getDecoder().decode(header.substring("Basic ".length())), StandardCharsets.UTF_8);
	}

}
