package io.videostore.testcam;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * The camera's whole HTTP behaviour (routing, authentication, streaming, bookkeeping),
 * kept apart from the server so that a fronting handler, such as a cookie-gated proxy,
 * can wrap it.
 */
final class CameraHandler implements HttpHandler {

	private final TestCamera.Options options;

	private final CredentialCheck credentials;

	private final MjpegStream stream;

	private final AtomicInteger connections = new AtomicInteger();

	private final AtomicInteger authFailures = new AtomicInteger();

	/** Streams being served now, and the most ever served at once. */
	private final AtomicInteger open = new AtomicInteger();

	private final AtomicInteger mostOpen = new AtomicInteger();

	private final List<String> requestLog = new CopyOnWriteArrayList<>();

	/** When each connection really took frames. */
	private final StreamActivity activity = new StreamActivity();

	CameraHandler(TestCamera.Options options, CountDownLatch cameraClosed) {
		this.options = options;
		this.credentials = new CredentialCheck(options);
		this.stream = new MjpegStream(options, cameraClosed);
	}

	@Override
	public void handle(HttpExchange exchange) throws IOException {
		// Only a normal return closes the exchange: on IOException the JDK server drops
		// the socket, which is what a
		// dropped camera connection must look like (no terminating chunk).
		route(exchange);
		exchange.close();
	}

	private void route(HttpExchange exchange) throws IOException {
		if (!exchange.getRequestURI().getRawPath().equals(this.options.path())) {
			respond(exchange, 404);
			return;
		}
		if (!exchange.getRequestMethod().equals("GET")) {
			exchange.getResponseHeaders().set("Allow", "GET");
			respond(exchange, 405);
			return;
		}
		if (!this.credentials.accepts(exchange)) {
			// A bare request is just the first leg of the auth handshake; only rejected
			// credentials are failures.
			if (exchange.getRequestHeaders().containsKey("Authorization")) {
				this.authFailures.incrementAndGet();
			}
			exchange.getResponseHeaders().set("WWW-Authenticate", this.credentials.challenge());
			respond(exchange, 401);
			return;
		}
		this.connections.incrementAndGet();
		this.mostOpen.accumulateAndGet(this.open.incrementAndGet(), Math::max);
		log(exchange, 200);
		try {
			this.stream.stream(exchange, this.activity.opened(String.valueOf(exchange.getRemoteAddress())));
		}
		finally {
			this.open.decrementAndGet();
		}
	}

	private void respond(HttpExchange exchange, int status) throws IOException {
		log(exchange, status);
		exchange.sendResponseHeaders(status, -1);
	}

	private void log(HttpExchange exchange, int status) {
		// The raw path only: a query string might carry credentials, and this log is
		// printed by failing tests.
		this.requestLog
			.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath() + " -> " + status);
	}

	int connections() {
		return this.connections.get();
	}

	int mostOpen() {
		return this.mostOpen.get();
	}

	StreamActivity activity() {
		return this.activity;
	}

	int authFailures() {
		return this.authFailures.get();
	}

	List<String> requestLog() {
		return List.copyOf(this.requestLog);
	}

}
