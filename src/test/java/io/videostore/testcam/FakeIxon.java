package io.videostore.testcam;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

/**
 * A fake IXON Cloud API v2 on WireMock (127.0.0.1): discovery, access tokens (Basic
 * e-mail:otp:password, optional 2FA), companies and agents in pages, web access handing
 * out URLs of a {@link WebAccessProxy}, and logged data: each agent's data sources, tags,
 * variables, alarms and alarm occurrences, and {@code POST /data} (declared with
 * {@link #agent(String)}, see {@link FakeIxonAgentData}). It rejects what IXON rejects
 * (missing or wrong Api-Version, Api-Application, Api-Company, bearer; expired tokens; a
 * {@code limit} over 5000) with IXON's error bodies, and can inject 429s, 5xx and slow
 * answers ({@link #failNext}).
 */
public final class FakeIxon implements AutoCloseable {

	public static final String APPLICATION = "fake-application-id";

	public static final String EMAIL = "service@example.com";

	public static final String PASSWORD = "correct horse battery staple";

	/** Base32 of RFC 6238's test key "12345678901234567890". */
	public static final String OTP_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

	public static final String SERVICE_ACCOUNT_TOKEN = "svcAccountToken0123456789abcdefAB";

	public static final String COMPANY = "1111-2222-3333-4444-5555";

	public static final String EMPTY_COMPANY = "9999-8888-7777-6666-5555";

	/** HTTP service "Camera" on agent "Press 1" (online). */
	public static final String SERVICE = "srvCamera001";

	/** HTTP service "Gate camera" on agent "Gate" (online). */
	public static final String GATE_SERVICE = "srvGate00002";

	/**
	 * What the alarm-occurrence list does with {@code filters=between(occurredOn,…)}
	 * (IXON's handling is unconfirmed).
	 */
	public enum FilterPolicy {

		/** Lists everything, as if there were no filter (the default). */
		IGNORED,
		/** Lists the occurrences between the two instants, both included. */
		HONOURED,
		/** Answers 400 "Invalid value" about {@code filters}. */
		REJECTED

	}

	/** Whether the web-access request must, may or must not carry {@code "method"}. */
	public enum MethodPolicy {

		OPTIONAL, REQUIRED, REJECTED

	}

	/**
	 * An injected failure: an HTTP status (with Retry-After when > 0), or a delay before
	 * the normal answer.
	 */
	public record Fault(int status, int retryAfterSeconds, int delayMillis) {

		public static Fault tooManyRequests(int retryAfterSeconds) {
			return new Fault(429, retryAfterSeconds, 0);
		}

		public static Fault serverError() {
			return new Fault(503, 0, 0);
		}

		public static Fault slow(int delayMillis) {
			return new Fault(0, 0, delayMillis);
		}

	}

	final Map<String, List<Map<String, Object>>> agents = new LinkedHashMap<>();

	final List<Map<String, Object>> companies = new ArrayList<>();

	final Map<String, Long> tokens = new ConcurrentHashMap<>();

	final Map<String, Deque<Fault>> faults = new ConcurrentHashMap<>();

	final List<String> webAccessBodies = new CopyOnWriteArrayList<>();

	final Map<String, FakeIxonAgentData> agentData = new ConcurrentHashMap<>();

	final Set<String> withoutLinks = ConcurrentHashMap.newKeySet();

	volatile FilterPolicy filterPolicy = FilterPolicy.IGNORED;

	volatile int dataStatus = 201;

	volatile boolean oneItemAsObject;

	final AtomicInteger logins = new AtomicInteger();

	final WebAccessProxy proxy;

	volatile boolean otpRequired;

	volatile MethodPolicy methodPolicy = MethodPolicy.OPTIONAL;

	volatile String webAccessPath = "/api/web-access-v2";

	volatile int maxPageSize = 2;

	volatile boolean expiresOnReturned = true;

	volatile boolean v1Discovery;

	volatile int tokenStatus = 201;

	volatile boolean staleUrls;

	private final WireMockServer server;

	private FakeIxon(WebAccessProxy proxy) {
		this.proxy = proxy;
		company(COMPANY, "Acme Machines");
		company(EMPTY_COMPANY, "Empty Co");
		agent(COMPANY, "agentPress01", "Press 1", true, service(SERVICE, "Camera", "http"),
				service("srvHmiVnc003", "HMI", "vnc"));
		agent(COMPANY, "agentPress02", "Press 2", false, service("srvVnc000004", "Panel", "vnc"));
		agent(COMPANY, "agentGate003", "Gate", true, service(GATE_SERVICE, "Gate camera", "http"));
		this.server = new WireMockServer(WireMockConfiguration.options()
			.bindAddress("127.0.0.1")
			.dynamicPort()
			.extensions(new FakeIxonApi(this)));
		this.server.start();
		this.server.stubFor(any(anyUrl()).willReturn(aResponse().withTransformers(FakeIxonApi.NAME)));
	}

	/**
	 * A fake whose web-access URLs point at this proxy (null: at a closed port, for
	 * API-only tests).
	 */
	public static FakeIxon start(WebAccessProxy proxy) {
		return new FakeIxon(proxy);
	}

	/** The API base URL, as {@code IXON_api.base_url}. */
	public URI baseUrl() {
		return URI.create("http://127.0.0.1:" + this.server.port() + "/api/");
	}

	public FakeIxon requireOtp(boolean required) {
		this.otpRequired = required;
		return this;
	}

	public FakeIxon methodPolicy(MethodPolicy policy) {
		this.methodPolicy = policy;
		return this;
	}

	/**
	 * Where discovery says web access is (its real path is unconfirmed, so clients must
	 * not guess it).
	 */
	public FakeIxon webAccessPath(String path) {
		this.webAccessPath = path;
		return this;
	}

	/**
	 * Largest page the fake serves whatever the client asks (2 by default, so lists come
	 * in two pages).
	 */
	public FakeIxon maxPageSize(int size) {
		this.maxPageSize = size;
		return this;
	}

	/**
	 * Whether the token answer carries {@code expiresOn} (unconfirmed for
	 * /access-tokens).
	 */
	public FakeIxon expiresOnReturned(boolean returned) {
		this.expiresOnReturned = returned;
		return this;
	}

	/** Serve the discovery list under v1's {@code links} instead of v2's {@code data}. */
	public FakeIxon v1Discovery(boolean v1) {
		this.v1Discovery = v1;
		return this;
	}

	/**
	 * Status of a successful token answer (IXON documents 201; 200 must be tolerated).
	 */
	public FakeIxon tokenStatus(int status) {
		this.tokenStatus = status;
		return this;
	}

	/**
	 * Hand out web-access URLs whose one-off code the proxy does not know (as an expired
	 * or used one).
	 */
	public FakeIxon staleUrls(boolean stale) {
		this.staleUrls = stale;
		return this;
	}

	/** Adds a company; agents may be added to it. */
	public FakeIxon company(String publicId, String name) {
		this.companies.add(new LinkedHashMap<>(Map.of("publicId", publicId, "name", name)));
		this.agents.putIfAbsent(publicId, new CopyOnWriteArrayList<>());
		return this;
	}

	/** Adds a device with services (see {@link #service}). */
	@SafeVarargs
	public final FakeIxon agent(String company, String publicId, String name, boolean online,
			Map<String, Object>... services) {
		Map<String, Object> agent = new LinkedHashMap<>();
		agent.put("publicId", publicId);
		agent.put("name", name);
		agent.put("activeVpnSession", online ? Map.of("publicId", "vpn" + publicId) : null);
		agent.put("servers", List.of(services));
		this.agents.get(company).add(agent);
		return this;
	}

	public static Map<String, Object> service(String publicId, String name, String type) {
		return Map.of("publicId", publicId, "name", name, "type", type);
	}

	/**
	 * The logged data of an agent declared before (e.g. {@code agentPress01}), to add
	 * data sources, tags, points, alarms and occurrences to.
	 */
	public FakeIxonAgentData agent(String publicId) {
		boolean known = this.agents.values()
			.stream()
			.flatMap(List::stream)
			.anyMatch((a) -> a.get("publicId").equals(publicId));
		if (!known) {
			throw new IllegalArgumentException("No agent " + publicId + "; add it with agent(company, id, …) first");
		}
		return this.agentData.computeIfAbsent(publicId, FakeIxonAgentData::new);
	}

	/**
	 * Leaves this rel out of discovery (the data rels other than {@code DataList},
	 * {@code AgentDataTagList} and {@code AgentDataSourceList} are inferred).
	 */
	public FakeIxon withoutLink(String rel) {
		this.withoutLinks.add(rel);
		return this;
	}

	/** How the alarm-occurrence list treats a date filter (ignores it by default). */
	public FakeIxon filters(FilterPolicy policy) {
		this.filterPolicy = policy;
		return this;
	}

	/**
	 * Status of a successful {@code POST /data} (201 in IXON's OpenAPI; one third-party
	 * client expects 200).
	 */
	public FakeIxon dataStatus(int status) {
		this.dataStatus = status;
		return this;
	}

	/**
	 * The next answers for this path (e.g. {@code /api/companies}) are these faults, in
	 * order.
	 */
	public FakeIxon failNext(String path, Fault... next) {
		this.faults.computeIfAbsent(path, (p) -> new ArrayDeque<>()).addAll(List.of(next));
		return this;
	}

	/** Every token minted so far expires now (IXON then answers 401 on it). */
	public void expireTokens() {
		this.tokens.replaceAll((secret, expiry) -> 0L);
	}

	/** Tokens minted (successful logins). */
	public int logins() {
		return this.logins.get();
	}

	/**
	 * Secrets of the access tokens minted so far, for tests that check no token leaks
	 * anywhere.
	 */
	public List<String> mintedTokens() {
		return List.copyOf(this.tokens.keySet());
	}

	/** Requests received, all paths. */
	public int requests() {
		return this.server.getAllServeEvents().size();
	}

	/** Requests received for this path (query ignored). */
	public int requests(String path) {
		return (int) this.server.getAllServeEvents()
			.stream()
			.filter((e) -> URI.create(e.getRequest().getUrl()).getPath().equals(path))
			.count();
	}

	/**
	 * Answers a one-item list body of {@code POST /data} with an object, as for an object
	 * body (whether IXON does is unconfirmed).
	 */
	public FakeIxon oneItemAsObject(boolean object) {
		this.oneItemAsObject = object;
		return this;
	}

	/** The requests received for this path (query ignored), oldest first. */
	public List<LoggedRequest> journal(String path) {
		List<LoggedRequest> requests = new ArrayList<>();
		this.server.getAllServeEvents()
			.stream()
			.map(ServeEvent::getRequest)
			.filter((r) -> URI.create(r.getUrl()).getPath().equals(path))
			.forEach((r) -> requests.add(0, r));
		return requests;
	}

	/** Bodies of the web-access requests, oldest first. */
	public List<String> webAccessBodies() {
		return List.copyOf(this.webAccessBodies);
	}

	/** Forgets the request journal and counters (not tokens). */
	public void resetCounts() {
		this.server.resetRequests();
		this.logins.set(0);
		this.webAccessBodies.clear();
	}

	@Override
	public void close() {
		this.server.stop();
	}

}
