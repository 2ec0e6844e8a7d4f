package io.videostore.ixon;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.videostore.config.IxonApiConfig;
import io.videostore.ixon.IxonClientOptions.WebAccessMethod;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * IXON Cloud API v2 client: discovery, cached access tokens, paged lists and web-access
 * URLs. Thread-safe; one instance is meant to live as long as the application, so its
 * token is reused across recordings. Works without a Spring context.
 */
public class IxonClient {

	private static final Logger log = LoggerFactory.getLogger(IxonClient.class);

	private static final int MAX_PAGES = 1000;

	private final IxonClientOptions options;

	private final IxonHttp http;

	private final Discovery discovery;

	private final AccessTokens tokens;

	private volatile boolean methodNeeded;

	public IxonClient(IxonApiConfig config, IxonClientOptions options) {
		if (config.apiKey().isBlank()) {
			throw new IxonException(IxonException.Kind.NOT_CONFIGURED,
					"IXON_api.api_key (the application id) is empty");
		}
		this.options = options;
		IxonErrors errors = new IxonErrors(
				List.of(config.password(), config.accessToken(), config.otpSecret(), config.apiKey()),
				!config.accessToken().isBlank());
		this.http = new IxonHttp(config, options, errors);
		this.discovery = new Discovery(http, config.baseUrl());
		this.tokens = new AccessTokens(config, options, http, discovery);
		this.methodNeeded = options.webAccessMethod() == WebAccessMethod.ALWAYS;
	}

	/** A client with {@link IxonClientOptions#DEFAULTS}. */
	public static IxonClient create(IxonApiConfig config) {
		return new IxonClient(config, IxonClientOptions.DEFAULTS);
	}

	/**
	 * True when the settings allow calls: an application id and a service-account token
	 * or e-mail + password.
	 */
	public static boolean configured(IxonApiConfig config) {
		return !config.apiKey().isBlank()
				&& (!config.accessToken().isBlank() || (!config.email().isBlank() && !config.password().isEmpty()));
	}

	/**
	 * Checks the credentials now: logs in unless a valid token is cached (a
	 * service-account token is not checked).
	 */
	public void login() {
		tokens.current();
	}

	/** The companies the user belongs to. */
	public List<Company> companies() {
		return list("CompanyList", null, "publicId,name", "listing IXON companies",
				(c) -> new Company(c.path("publicId").asString(), c.path("name").asString("")));
	}

	/** The devices of a company with their services and online state. */
	public List<Agent> agents(String companyId) {
		return list("AgentList", companyId, "publicId,name,activeVpnSession,servers.publicId,servers.name,servers.type",
				"listing the devices of IXON company " + companyId, IxonClient::agent);
	}

	/**
	 * Asks IXON for a fresh web-access URL to an HTTP service. Never cached: its lifetime
	 * and reuse are unknown.
	 * @param accessType {@code http} or {@code https}, sent as {@code method} only when
	 * IXON wants it (see {@link WebAccessMethod})
	 */
	public WebAccessUrl webAccess(String companyId, String serviceId, String accessType) {
		String what = "IXON web access request for service " + serviceId + " in company " + companyId;
		URI uri = discovery.uri(new String[] { "WebAccess", "WebAccessList" }, Map.of(), Map.of());
		boolean withMethod = methodNeeded;
		IxonRequest request = IxonRequest.post(uri, companyId, webAccessBody(serviceId, accessType, withMethod), what);
		try {
			return webAccessUrl(request);
		}
		catch (IxonException ex) {
			if (options.webAccessMethod() != WebAccessMethod.AUTO || !aboutMethod(ex)) {
				throw ex;
			}
			log.info("IXON rejected the web access request {} \"method\"; trying {} it",
					withMethod ? "with" : "without", withMethod ? "without" : "with");
			WebAccessUrl url = webAccessUrl(request.withBody(webAccessBody(serviceId, accessType, !withMethod)));
			methodNeeded = !withMethod;
			return url;
		}
	}

	/** Access tokens minted since this client was created. */
	public long logins() {
		return tokens.logins();
	}

	/** HTTP calls made to the IXON API, retries included. */
	public long calls() {
		return http.calls();
	}

	/** Last success and failure, without calling IXON. */
	IxonStatus status() {
		return http.status(tokens.logins());
	}

	private WebAccessUrl webAccessUrl(IxonRequest request) {
		JsonNode data = call(request).path("data");
		// v1 answered a list (one entry per requested server); v2 one object.
		JsonNode url = (data.isArray() ? data.path(0) : data).get("url");
		URI uri = (url != null && url.isString()) ? parseUrl(url.asString()) : null;
		if (uri == null) {
			throw http.failure(new IxonException(IxonException.Kind.PROTOCOL,
					request.what() + " failed: the answer holds no usable data.url"));
		}
		return new WebAccessUrl(uri);
	}

	private static URI parseUrl(String text) {
		try {
			URI uri = URI.create(text);
			String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(java.util.Locale.ROOT) : "";
			return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null ? uri : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static String webAccessBody(String serviceId, String accessType, boolean withMethod) {
		var body = IxonHttp.JSON.createObjectNode();
		if (withMethod) {
			body.put("method", (accessType == null || accessType.isBlank()) ? "http" : accessType);
		}
		body.putObject("server").put("publicId", serviceId);
		return body.toString();
	}

	private static boolean aboutMethod(IxonException ex) {
		boolean rejected = ex.status() == 400 || ex.status() == 422;
		String property = (ex.propertyName() != null) ? ex.propertyName() : "";
		String message = (ex.ixonMessage() != null) ? ex.ixonMessage() : "";
		return rejected && (property.toLowerCase(java.util.Locale.ROOT).contains("method")
				|| message.toLowerCase(java.util.Locale.ROOT).contains("method"));
	}

	/**
	 * A call with the bearer; on a refused token, logs in once more and repeats it (not
	 * for service accounts).
	 */
	JsonNode call(IxonRequest request) {
		String bearer = tokens.current();
		try {
			return http.send(request, "Bearer " + bearer);
		}
		catch (IxonException ex) {
			if (ex.kind() != IxonException.Kind.ACCESS_TOKEN || tokens.serviceAccount()) {
				throw ex;
			}
			log.info("IXON refused the access token ({}); logging in again", request.what());
			tokens.invalidate(bearer);
			return http.send(request, "Bearer " + tokens.current());
		}
	}

	/**
	 * The URL of a discovery rel with placeholders ({@code {agentId}}) filled in; an
	 * {@link IxonException} naming the rel when discovery lacks it.
	 */
	public URI link(String rel, Map<String, String> vars, Map<String, String> query) {
		return discovery.uri(new String[] { rel }, vars, query);
	}

	/**
	 * A {@code POST} of a JSON body, with the bearer and one more login on a refused
	 * token.
	 * @param company {@code Api-Company} value, or null
	 * @param what what the call does, for messages
	 */
	public JsonNode post(URI uri, String company, String body, String what) {
		return call(IxonRequest.post(uri, company, body, what));
	}

	/** Records a failure found above the HTTP layer, so health shows it too. */
	public IxonException failure(IxonException ex) {
		return http.failure(ex);
	}

	private <T> List<T> list(String rel, String company, String fields, String what, Function<JsonNode, T> item) {
		return list(rel, Map.of(), Map.of(), company, fields, what, item);
	}

	/**
	 * All items of a list rel, following {@code moreAfter}.
	 * @param vars the href's placeholders ({@code agentId})
	 * @param extra more query parameters ({@code filters}); null values are left out
	 */
	public <T> List<T> list(String rel, Map<String, String> vars, Map<String, String> extra, String company,
			String fields, String what, Function<JsonNode, T> item) {
		List<T> items = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		String after = null;
		for (int page = 0; page < MAX_PAGES; page++) {
			Map<String, String> query = new LinkedHashMap<>();
			query.put("fields", fields);
			query.put("page-size", String.valueOf(options.pageSize()));
			query.put("page-after", after);
			query.putAll(extra);
			IxonRequest request = IxonRequest.get(discovery.uri(new String[] { rel }, vars, query), company, what);
			JsonNode body = call(request);
			JsonNode data = body.path("data");
			if (!data.isArray()) {
				throw http.failure(new IxonException(IxonException.Kind.PROTOCOL, what + " failed: no data list"));
			}
			data.forEach((node) -> items.add(item.apply(node)));
			JsonNode more = body.get("moreAfter");
			if (more == null || more.isNull() || more.asString("").isBlank()) {
				return items;
			}
			after = more.asString();
			if (!seen.add(after)) {
				throw http.failure(new IxonException(IxonException.Kind.PROTOCOL, what + " failed: paging repeats"));
			}
		}
		throw http.failure(
				new IxonException(IxonException.Kind.PROTOCOL, what + " failed: more than " + MAX_PAGES + " pages"));
	}

	private static Agent agent(JsonNode node) {
		List<HttpService> services = new ArrayList<>();
		node.path("servers")
			.forEach((s) -> services.add(new HttpService(s.path("publicId").asString(), s.path("name").asString(""),
					s.path("type").asString(""))));
		JsonNode vpn = node.get("activeVpnSession");
		return new Agent(node.path("publicId").asString(), node.path("name").asString(""),
				vpn != null && !vpn.isNull() && !vpn.isMissingNode(), services);
	}

}
