package io.videostore.security;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.videostore.system.ApiException;
import io.videostore.system.LogText;
import io.videostore.system.RateLimitedLog;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Slows down password guessing: after {@link #FREE_FAILURES} failed logins (form or HTTP
 * Basic) from one address within {@link #WINDOW}, further attempts from it are answered
 * {@code 429} for a time that doubles with each failure, up to {@link #MAX_BLOCK}. Every
 * failure is logged with the user name tried and the address, never the password. Keyed
 * on the connection's address: behind a reverse proxy all clients share one, which blocks
 * them together rather than letting a forged header pick a new key per attempt.
 */
@Component
class LoginThrottle extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

	private static final RequestMatcher LOGIN_FORM = PathPatternRequestMatcher.withDefaults()
		.matcher(HttpMethod.POST, "/login");

	static final int FREE_FAILURES = 5;

	static final Duration WINDOW = Duration.ofMinutes(10);

	static final Duration FIRST_BLOCK = Duration.ofSeconds(30);

	static final Duration MAX_BLOCK = Duration.ofMinutes(15);

	/** Addresses remembered at most: a flood of addresses cannot grow the heap. */
	private static final int MAX_CLIENTS = 10_000;

	private final Clock clock;

	/** Every failure, but a few dozen lines a minute at most, whoever guesses. */
	private final RateLimitedLog failures;

	private final HandlerExceptionResolver resolver;

	private final Map<String, Failures> clients = new LinkedHashMap<>(16, 0.75f, true) {
		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
			return size() > MAX_CLIENTS;
		}
	};

	private record Failures(int count, Instant first, Instant blockedUntil) {
	}

	LoginThrottle(Clock clock, @Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver) {
		this.clock = clock;
		this.failures = new RateLimitedLog(log, 30, clock);
		this.resolver = resolver;
	}

	@Override
	protected boolean shouldNotFilterAsyncDispatch() {
		return true;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (isLoginAttempt(request)) {
			Duration wait = blockedFor(request.getRemoteAddr());
			if (!wait.isZero()) {
				this.resolver.resolveException(request, response, null, new TooManyAttempts(wait));
				return;
			}
		}
		chain.doFilter(request, response);
	}

	/**
	 * A form login or HTTP Basic. The form's path is matched as the login filter matches
	 * it, decoded: {@code /log%69n} logs in too, so it must count too.
	 */
	static boolean isLoginAttempt(HttpServletRequest request) {
		String authorization = request.getHeader("Authorization");
		return LOGIN_FORM.matches(request)
				|| (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6));
	}

	synchronized Duration blockedFor(String client) {
		Failures f = this.clients.get(client);
		Instant now = this.clock.instant();
		if (f == null || f.blockedUntil() == null || !f.blockedUntil().isAfter(now)) {
			return Duration.ZERO;
		}
		return Duration.between(now, f.blockedUntil());
	}

	@EventListener
	public void failed(AbstractAuthenticationFailureEvent event) {
		String client = client(event.getAuthentication().getDetails());
		int count = fail(client);
		this.failures.warn("Web login failed for user '{}' from {} ({} failure(s) in {} min){}",
				LogText.of(String.valueOf(event.getAuthentication().getName()), 64), client, count, WINDOW.toMinutes(),
				(count >= FREE_FAILURES) ? "; further attempts from there wait " + block(count).toSeconds() + " s"
						: "");
	}

	@EventListener
	public synchronized void succeeded(AuthenticationSuccessEvent event) {
		this.clients.remove(client(event.getAuthentication().getDetails()));
	}

	private synchronized int fail(String client) {
		Instant now = this.clock.instant();
		Failures f = this.clients.get(client);
		int count = (f == null || f.first().plus(WINDOW).isBefore(now)) ? 1 : f.count() + 1;
		Instant first = (count == 1) ? now : f.first();
		this.clients.put(client, new Failures(count, first, (count >= FREE_FAILURES) ? now.plus(block(count)) : null));
		return count;
	}

	private static Duration block(int count) {
		int doublings = Math.min(count - FREE_FAILURES, 10);
		Duration block = FIRST_BLOCK.multipliedBy(1L << doublings);
		return (block.compareTo(MAX_BLOCK) > 0) ? MAX_BLOCK : block;
	}

	private static String client(Object details) {
		return (details instanceof WebAuthenticationDetails web) ? web.getRemoteAddress() : "an unknown address";
	}

	/** 429 with Retry-After. */
	static final class TooManyAttempts extends ApiException {

		private final Duration wait;

		TooManyAttempts(Duration wait) {
			super(429, "Too Many Requests",
					"too many failed logins from this address; try again in " + Math.max(1, wait.toSeconds()) + " s",
					Map.of());
			this.wait = wait;
		}

		@Override
		public Map<String, String> headers() {
			return Map.of("Retry-After", String.valueOf(Math.max(1, this.wait.toSeconds())));
		}

	}

}
