package io.videostore.security;

import java.time.Clock;
import java.util.Locale;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.videostore.system.ApiException;
import io.videostore.system.RateLimitedLog;
import org.slf4j.LoggerFactory;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * The answers of the doors: {@code 401} and {@code 403} as problem+json through the one
 * exception handler, each saying what would let the caller in.
 */
final class Refusals {

	private final HandlerExceptionResolver resolver;

	private final RateLimitedLog webhookLog;

	private final MeterRegistry metrics;

	Refusals(HandlerExceptionResolver resolver, MeterRegistry metrics, Clock clock) {
		this.resolver = resolver;
		this.metrics = metrics;
		this.webhookLog = new RateLimitedLog(LoggerFactory.getLogger(Refusals.class), 10, clock);
	}

	/** 401 for {@code /webhook}: logged (a few lines a minute at most) and counted. */
	AuthenticationEntryPoint webhook(boolean secret) {
		String detail = secret
				? "missing or wrong webhook secret (X-Webhook-Secret header, Authorization: Bearer, or token parameter)"
				: "webhooks.secret is not set, so only requests from this machine are accepted (sent directly to "
						+ "localhost, not relayed by a proxy and not from a web page)";
		return (request, response, ex) -> {
			this.webhookLog.info("Webhook from {} refused: 401 {}", request.getRemoteAddr(), detail);
			this.metrics.counter("videostore.webhooks", "outcome", "unauthorized").increment();
			this.resolver.resolveException(request, response, null,
					new Unauthorized(detail, "Bearer realm=\"video-store webhook\""));
		};
	}

	/** 401 for the UI and API (and the page's scripts). */
	AuthenticationEntryPoint login(boolean users) {
		String detail = users ? "log in: HTTP Basic with a user from web.users, or the UI's login form"
				: "no web.users are configured, so the UI and API answer only on this machine";
		return (request, response, ex) -> this.resolver.resolveException(request, response, null,
				new Unauthorized(detail, users ? "Basic realm=\"video-store\"" : null));
	}

	/** 401 for the actuator's metrics. */
	AuthenticationEntryPoint actuator(boolean secret) {
		String detail = "metrics and health details are shown to this machine, a logged-in web user"
				+ (secret ? ", or with Authorization: Bearer and the webhook secret" : "");
		return (request, response, ex) -> this.resolver.resolveException(request, response, null,
				new Unauthorized(detail, secret ? "Bearer realm=\"video-store\"" : null));
	}

	/**
	 * 403: known, but not allowed (a CSRF token missing, a door this caller may not use).
	 */
	AccessDeniedHandler denied() {
		return (request, response, ex) -> this.resolver.resolveException(request, response, null,
				new Forbidden(ex.getMessage()));
	}

	/** 401: who are you? */
	static final class Unauthorized extends ApiException {

		private final String challenge;

		Unauthorized(String detail, String challenge) {
			super(401, "Unauthorized", detail, Map.of());
			this.challenge = challenge;
		}

		@Override
		public Map<String, String> headers() {
			return (this.challenge != null) ? Map.of("WWW-Authenticate", this.challenge) : Map.of();
		}

	}

	/** 403: known, but not allowed. */
	static final class Forbidden extends ApiException {

		Forbidden(String why) {
			super(403, "Forbidden",
					(why != null && why.toLowerCase(Locale.ROOT).contains("csrf"))
							? "the request carries no valid CSRF token: reload the page" : "not allowed from here",
					Map.of());
		}

	}

}
