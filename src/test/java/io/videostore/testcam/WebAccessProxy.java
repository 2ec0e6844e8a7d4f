package io.videostore.testcam;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/**
 * A fake IXON web-access proxy on 127.0.0.1 in front of a {@link TestCamera}, gated like
 * the real one: a one-off {@code /?auth=<code>} URL sets a session cookie (and redirects
 * to "/", or answers 200), requests without a valid session cookie get 403, and requests
 * with it reach the camera unchanged, its own Authorization header included.
 */
public final class WebAccessProxy implements AutoCloseable {

	/** Name of the session cookie. */
	public static final String COOKIE = "IXON_WEBACCESS";

	private static final SecureRandom RANDOM = new SecureRandom();

	private final HttpServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "webaccess-proxy");
		thread.setDaemon(true);
		return thread;
	});

	private final HttpHandler camera;

	private final Set<String> codes = ConcurrentHashMap.newKeySet();

	/**
	 * Live session cookie values, each with the number of the handshake that created it
	 * (1 = first).
	 */
	private final Map<String, Integer> sessions = new ConcurrentHashMap<>();

	private final List<Integer> sessionsUsed = new CopyOnWriteArrayList<>();

	private final List<String> requestLog = new CopyOnWriteArrayList<>();

	private final AtomicInteger handshakes = new AtomicInteger();

	private volatile boolean redirect = true;

	private WebAccessProxy(HttpHandler camera) throws IOException {
		this.camera = camera;
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
		this.server.setExecutor(this.executor);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	/** A proxy in front of this camera. */
	public static WebAccessProxy start(TestCamera camera) throws IOException {
		return new WebAccessProxy(camera.streamHandler());
	}

	/**
	 * Registers a fresh one-off code and returns the URL IXON would hand out for it:
	 * {@code http://…/?auth=code}.
	 */
	public URI issueUrl() {
		String code = "AUTHCODE" + HexFormat.of().formatHex(RANDOM.generateSeed(12));
		this.codes.add(code);
		return URI.create("http://127.0.0.1:" + port() + "/?auth=" + code);
	}

	/**
	 * True: the handshake answers 302 to "/" (default); false: 200 with a landing page.
	 */
	public WebAccessProxy redirectOnHandshake(boolean redirect) {
		this.redirect = redirect;
		return this;
	}

	/** Forgets every session, as when the proxy session expires. */
	public void endSessions() {
		this.sessions.clear();
	}

	public int port() {
		return this.server.getAddress().getPort();
	}

	/** Successful handshakes. */
	public int handshakes() {
		return this.handshakes.get();
	}

	/**
	 * For each request let through to the camera, oldest first, the number of the
	 * handshake (1 = first) whose session cookie it carried: shows which one-off URL each
	 * camera connection came through, without the cookie.
	 */
	public List<Integer> sessionsUsed() {
		return List.copyOf(this.sessionsUsed);
	}

	/**
	 * {@code "METHOD path -> status"} per request; never holds query strings or cookies.
	 */
	public List<String> requestLog() {
		return List.copyOf(this.requestLog);
	}

	private void handle(HttpExchange exchange) throws IOException {
		String query = exchange.getRequestURI().getRawQuery();
		if (query != null && query.startsWith("auth=")) {
			handshake(exchange, query.substring("auth=".length()));
			return;
		}
		Integer session = session(exchange);
		if (session == null) {
			respond(exchange, 403);
			return;
		}
		this.sessionsUsed.add(session);
		this.requestLog.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath() + " -> camera");
		this.camera.handle(exchange);
	}

	private void handshake(HttpExchange exchange, String code) throws IOException {
		if (!this.codes.remove(code)) {
			respond(exchange, 403);
			return;
		}
		String session = HexFormat.of().formatHex(RANDOM.generateSeed(16));
		this.sessions.put(session, this.handshakes.incrementAndGet());
		exchange.getResponseHeaders().add("Set-Cookie", COOKIE + "=" + session + "; Path=/; HttpOnly");
		if (this.redirect) {
			exchange.getResponseHeaders().set("Location", "/");
			respond(exchange, 302);
		}
		else {
			byte[] page = "<html><body>landing page</body></html>".getBytes();
			this.requestLog.add("GET /?auth=**** -> 200");
			exchange.sendResponseHeaders(200, page.length);
			exchange.getResponseBody().write(page);
			exchange.close();
		}
	}

	/**
	 * The number of the handshake whose live session the request's cookie names, or null.
	 */
	private Integer session(HttpExchange exchange) {
		List<String> cookies = exchange.getRequestHeaders().getOrDefault("Cookie", List.of());
		return cookies.stream()
			.flatMap((header) -> List.of(header.split(";")).stream())
			.map(String::strip)
			.filter((c) -> c.startsWith(COOKIE + "="))
			.map((c) -> this.sessions.get(c.substring(COOKIE.length() + 1)))
			.filter((n) -> n != null)
			.findFirst()
			.orElse(null);
	}

	private void respond(HttpExchange exchange, int status) throws IOException {
		String query = exchange.getRequestURI().getRawQuery();
		this.requestLog.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath()
				+ ((query != null) ? "?****" : "") + " -> " + status);
		exchange.sendResponseHeaders(status, -1);
		exchange.close();
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

}
