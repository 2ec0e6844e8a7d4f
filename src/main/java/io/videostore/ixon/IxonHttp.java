package io.videostore.ixon;

import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import io.videostore.config.IxonApiConfig;
import io.videostore.system.Backoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends IXON API v2 calls with the version and application headers, a timeout on every
 * call, and retries with backoff on 429, 5xx and I/O errors. Keeps the call count and the
 * last success/failure for the health check.
 */
final class IxonHttp {

	private static final Logger log = LoggerFactory.getLogger(IxonHttp.class);

	static final JsonMapper JSON = JsonMapper.builder().build();

	private final RestClient rest;

	private final String application;

	private final IxonClientOptions options;

	private final Backoff backoff;

	private final IxonErrors errors;

	private final AtomicLong calls = new AtomicLong();

	private volatile Instant lastSuccess;

	private volatile Instant lastFailure;

	private volatile String lastError;

	IxonHttp(IxonApiConfig config, IxonClientOptions options, IxonErrors errors) {
		// HTTP/1.1: the JDK client's h2c upgrade on plain-http URLs (white-label or test
		// portals) confuses some servers.
		HttpClient jdk = HttpClient.newBuilder()
			.connectTimeout(options.connectTimeout())
			.version(HttpClient.Version.HTTP_1_1)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(jdk);
		factory.setReadTimeout(options.callTimeout());
		this.rest = RestClient.builder().requestFactory(factory).build();
		this.application = config.apiKey();
		this.options = options;
		this.backoff = new Backoff(options.backoffBase(), options.backoffCap());
		this.errors = errors;
	}

	/**
	 * The response body of a 2xx answer; an {@link IxonException} for anything else once
	 * retries are spent.
	 */
	JsonNode send(IxonRequest request, String authorization) {
		long started = System.nanoTime();
		for (int attempt = 1;; attempt++) {
			Raw raw;
			try {
				raw = exchange(request, authorization);
			}
			catch (RestClientException ex) {
				Duration wait = delay(attempt);
				if (mayRetry(attempt, started, wait)) {
					retryLater(request, "no answer (" + rootName(ex) + ")", wait, attempt);
					continue;
				}
				throw failed(errors.transport(request, ex, attempt, options.connectTimeout(), options.callTimeout()),
						attempt, started);
			}
			if (raw.status() >= 200 && raw.status() < 300) {
				return succeeded(request, raw);
			}
			Duration wait = retryDelay(raw, attempt);
			if (wait != null && mayRetry(attempt, started, wait)) {
				retryLater(request, "HTTP " + raw.status(), wait, attempt);
				continue;
			}
			throw failed(errors.answer(request, raw.status(), parse(raw.body())), attempt, started);
		}
	}

	/**
	 * Another attempt after {@code wait} fits both the attempt limit and the call's retry
	 * budget.
	 */
	private boolean mayRetry(int attempt, long startedNanos, Duration wait) {
		Duration spent = Duration.ofNanos(System.nanoTime() - startedNanos);
		return attempt < options.maxAttempts() && spent.plus(wait).compareTo(options.retryBudget()) <= 0;
	}

	/** The failure, saying how long retrying went on when it did. */
	private IxonException failed(IxonException ex, int attempts, long startedNanos) {
		if (attempts == 1 || ex.getMessage().contains(" attempts to ")) {
			return failed(ex);
		}
		String tried = String.format(java.util.Locale.ROOT, " (%d attempts over %.1f s)", attempts,
				(System.nanoTime() - startedNanos) / 1e9);
		return failed(ex.withMessage(ex.getMessage() + tried));
	}

	private record Raw(int status, String retryAfter, byte[] body) {
	}

	private Raw exchange(IxonRequest request, String authorization) {
		calls.incrementAndGet();
		long start = System.nanoTime();
		RestClient.RequestBodySpec spec = rest.method(HttpMethod.valueOf(request.method()))
			.uri(request.uri())
			.headers((h) -> headers(h, request, authorization));
		if (request.body() != null) {
			spec.contentType(MediaType.APPLICATION_JSON).body(request.body());
		}
		Raw raw = spec.exchange((req, res) -> new Raw(res.getStatusCode().value(),
				res.getHeaders().getFirst(HttpHeaders.RETRY_AFTER), res.getBody().readAllBytes()), true);
		log.debug("IXON {} {} -> {} in {} ms", request.method(), request.uri().getPath(), raw.status(),
				(System.nanoTime() - start) / 1_000_000);
		return raw;
	}

	private void headers(HttpHeaders h, IxonRequest request, String authorization) {
		h.set("Api-Version", "2");
		h.set("Api-Application", application);
		if (request.company() != null) {
			h.set("Api-Company", request.company());
		}
		if (authorization != null) {
			h.set(HttpHeaders.AUTHORIZATION, authorization);
		}
		h.setAccept(java.util.List.of(MediaType.APPLICATION_JSON));
		h.set(HttpHeaders.USER_AGENT, options.applicationName());
	}

	private Duration retryDelay(Raw raw, int attempt) {
		if (raw.status() == 429) {
			return retryAfter(raw.retryAfter(), attempt);
		}
		return (raw.status() >= 500) ? delay(attempt) : null;
	}

	/** Delay before attempt {@code failedAttempt + 1}: base·2^(n-1), capped, jittered. */
	private Duration delay(int failedAttempt) {
		return this.backoff.delay(failedAttempt - 1);
	}

	/**
	 * Delay asked for by a 429's {@code Retry-After} (delta-seconds; an HTTP date or
	 * garbage falls back to the backoff), or null when IXON asks for longer than we are
	 * willing to wait.
	 */
	private Duration retryAfter(String header, int failedAttempt) {
		if (header == null || header.isBlank()) {
			return delay(failedAttempt);
		}
		try {
			Duration asked = Duration.ofSeconds(Long.parseLong(header.strip()));
			return (asked.compareTo(this.options.maxRetryAfter()) > 0) ? null : asked;
		}
		catch (NumberFormatException ex) {
			return delay(failedAttempt);
		}
	}

	private void retryLater(IxonRequest request, String why, Duration wait, int attempt) {
		log.warn("{}: {}, retrying in {} ms (attempt {} of {})", request.what(), why, wait.toMillis(), attempt + 1,
				options.maxAttempts());
		try {
			Thread.sleep(wait.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IxonException(IxonException.Kind.UNREACHABLE, "interrupted while waiting to retry an IXON call");
		}
	}

	private JsonNode succeeded(IxonRequest request, Raw raw) {
		lastSuccess = options.clock().instant();
		JsonNode body = parse(raw.body());
		if (body == null) {
			throw failed(errors.protocol(request, "IXON answered HTTP " + raw.status() + " without a JSON body"));
		}
		return body;
	}

	private IxonException failed(IxonException ex) {
		lastFailure = options.clock().instant();
		lastError = ex.getMessage();
		return ex;
	}

	/**
	 * Records a failure found above this layer (e.g. a missing field), so health shows it
	 * too.
	 */
	IxonException failure(IxonException ex) {
		return failed(ex);
	}

	private static JsonNode parse(byte[] body) {
		if (body == null || body.length == 0) {
			return null;
		}
		try {
			return JSON.readTree(body);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static String rootName(Exception ex) {
		Throwable cause = (ex.getCause() instanceof IOException) ? ex.getCause() : ex;
		return cause.getClass().getSimpleName();
	}

	long calls() {
		return calls.get();
	}

	IxonStatus status(long logins) {
		return new IxonStatus(lastSuccess, lastFailure, lastError, logins, calls.get());
	}

}
