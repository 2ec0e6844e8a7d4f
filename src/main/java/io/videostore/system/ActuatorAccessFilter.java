package io.videostore.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.util.Map;

import io.videostore.config.AppConfig;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Who may see what under {@code /actuator}: a caller on this machine that no proxy
 * relayed ({@link Callers#local}), or one presenting the webhook secret as
 * {@code Authorization: Bearer}, or a logged-in web user, counts as authorized, which
 * with {@code management.endpoint.health.show-details=when-authorized} (and no roles)
 * shows health's details and components. Anyone else gets health's status only, and
 * {@code 401} from {@code /actuator/prometheus} (its labels hold paths and camera ids).
 */
@Component
class ActuatorAccessFilter extends OncePerRequestFilter {

	private static final Principal LOCAL = () -> "local";

	private static final Principal SECRET = () -> "webhook-secret";

	private final byte[] secretDigest;

	private final HandlerExceptionResolver resolver;

	ActuatorAccessFilter(AppConfig config, @Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver) {
		String secret = config.webhooks().secret();
		this.secretDigest = (secret == null || secret.isEmpty()) ? null : sha256(secret);
		this.resolver = resolver;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI();
		return !(path.equals("/actuator") || path.startsWith("/actuator/"));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Principal caller = Callers.local(request) ? LOCAL
				: presentsSecret(request) ? SECRET : request.getUserPrincipal();
		if (caller != null) {
			chain.doFilter(new Authorized(request, caller), response);
		}
		else if (request.getRequestURI().startsWith("/actuator/prometheus")) {
			// Through the one exception handler, so the answer is the usual problem+json.
			this.resolver.resolveException(request, response, null, new Unauthorized());
		}
		else {
			chain.doFilter(request, response);
		}
	}

	private boolean presentsSecret(HttpServletRequest request) {
		String authorization = request.getHeader("Authorization");
		if (this.secretDigest == null || authorization == null
				|| !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return false;
		}
		return MessageDigest.isEqual(this.secretDigest, sha256(authorization.substring(7).trim()));
	}

	private static byte[] sha256(String s) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A request the actuator endpoints see as made by an authenticated principal. */
	private static final class Authorized extends HttpServletRequestWrapper {

		private final Principal principal;

		Authorized(HttpServletRequest request, Principal principal) {
			super(request);
			this.principal = principal;
		}

		@Override
		public Principal getUserPrincipal() {
			return this.principal;
		}

	}

	/** 401 for metrics asked for by an anonymous caller. */
	static final class Unauthorized extends ApiException {

		Unauthorized() {
			super(401, "Unauthorized",
					"metrics are shown to this machine, or with Authorization: Bearer and the " + "webhook secret",
					Map.of());
		}

		@Override
		public Map<String, String> headers() {
			return Map.of("WWW-Authenticate", "Bearer realm=\"video-store\"");
		}

	}

}
