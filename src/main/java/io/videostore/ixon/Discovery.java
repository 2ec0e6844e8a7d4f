package io.videostore.ixon;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * IXON's discovery document: the API's links by {@code rel}, fetched once and cached. No
 * path that discovery provides is hard-coded; hrefs are templates ({@code {agentId}},
 * {@code {publicId}}) filled in here.
 */
final class Discovery {

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]+)}");

	private final IxonHttp http;

	private final URI base;

	private volatile Map<String, String> links;

	Discovery(IxonHttp http, URI base) {
		this.http = http;
		this.base = base;
	}

	/**
	 * The URL of the first of these rels that discovery lists (alternatives cover v1/v2
	 * renames), with placeholders filled from {@code vars} and the query parameters
	 * appended (null values skipped).
	 */
	URI uri(String[] rels, Map<String, String> vars, Map<String, String> query) {
		Map<String, String> known = links();
		for (String rel : rels) {
			String href = known.get(rel);
			if (href != null) {
				return withQuery(base.resolve(expand(href, vars, rel)), query);
			}
		}
		throw http
			.failure(new IxonException(IxonException.Kind.PROTOCOL, "IXON discovery at " + base + " lists no link "
					+ String.join(" or ", rels) + " (it lists " + known.keySet() + "): check IXON_api.base_url"));
	}

	URI uri(String rel, Map<String, String> query) {
		return uri(new String[] { rel }, Map.of(), query);
	}

	private Map<String, String> links() {
		Map<String, String> cached = links;
		if (cached == null) {
			synchronized (this) {
				if (links == null) {
					links = fetch();
				}
				cached = links;
			}
		}
		return cached;
	}

	private Map<String, String> fetch() {
		IxonRequest request = IxonRequest.get(base, null, "IXON API discovery at " + base);
		JsonNode body = http.send(request, null);
		// v2 puts the links under "data"; v1 (and some mirrors) under "links".
		JsonNode list = body.has("data") && body.get("data").isArray() ? body.get("data") : body.get("links");
		Map<String, String> found = new LinkedHashMap<>();
		if (list != null && list.isArray()) {
			for (JsonNode link : list) {
				JsonNode rel = link.get("rel");
				JsonNode href = link.get("href");
				if (rel != null && href != null && rel.isString() && href.isString()) {
					found.put(rel.asString(), href.asString());
				}
			}
		}
		if (found.isEmpty()) {
			throw http.failure(new IxonException(IxonException.Kind.PROTOCOL, "IXON API discovery at " + base
					+ " returned no links: check IXON_api.base_url (it should end in /api/)"));
		}
		return Map.copyOf(found);
	}

	private static String expand(String href, Map<String, String> vars, String rel) {
		Matcher m = PLACEHOLDER.matcher(href);
		StringBuilder out = new StringBuilder();
		while (m.find()) {
			String value = vars.get(m.group(1));
			if (value == null) {
				throw new IxonException(IxonException.Kind.PROTOCOL,
						"IXON link " + rel + " needs {" + m.group(1) + "}, which this call does not have");
			}
			m.appendReplacement(out, Matcher.quoteReplacement(encode(value).replace("+", "%20")));
		}
		m.appendTail(out);
		return out.toString();
	}

	private static URI withQuery(URI uri, Map<String, String> query) {
		StringBuilder q = new StringBuilder((uri.getRawQuery() != null) ? uri.getRawQuery() : "");
		query.forEach((name, value) -> {
			if (value != null) {
				q.append(q.isEmpty() ? "" : "&").append(encode(name)).append('=').append(encode(value));
			}
		});
		String s = uri.toString();
		int cut = s.indexOf('?');
		String head = (cut >= 0) ? s.substring(0, cut) : s;
		return URI.create(q.isEmpty() ? head : head + "?" + q);
	}

	// Commas stay readable: they separate fields= entries and are legal in a query.
	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("%2C", ",");
	}

}
