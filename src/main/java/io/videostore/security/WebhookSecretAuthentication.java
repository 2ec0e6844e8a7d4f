package io.videostore.security;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

import io.videostore.system.MalformedRequestException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The webhook's shared secret ({@code webhooks.secret}) as a credential: sent as the
 * {@code X-Webhook-Secret} header, as {@code Authorization: Bearer …}, or, because IXON
 * can only be given a URL, as the {@code token} query parameter of {@code /webhook}.
 * Compared in constant time; a request presenting it is authenticated with the authority
 * {@link #AUTHORITY}, a request presenting another value is refused with 401, and one
 * presenting none goes on unauthenticated.
 */
final class WebhookSecretAuthentication {

	static final String AUTHORITY = "WEBHOOK_SECRET";

	private WebhookSecretAuthentication() {
	}

	/**
	 * A filter for the requests {@code applies} matches; {@code urlToken}: also the
	 * {@code token} query parameter and {@code X-Webhook-Secret} (for {@code /webhook}).
	 */
	static AuthenticationFilter filter(String secret, boolean urlToken, RequestMatcher applies,
			AuthenticationEntryPoint refused) {
		byte[] expected = sha256(secret);
		AuthenticationFilter filter = new AuthenticationFilter(new ProviderManager(new Provider(expected)),
				(AuthenticationConverter) (request) -> {
					String given = presented(request, urlToken);
					return (given != null) ? new Token(given) : null;
				});
		filter.setRequestMatcher(applies);
		filter.setSecurityContextRepository(new RequestAttributeSecurityContextRepository());
		filter.setSuccessHandler((request, response, authentication) -> {
			// carry on with the request
		});
		filter.setFailureHandler(new AuthenticationEntryPointFailureHandler(refused));
		return filter;
	}

	/** The secret as the request presents it, or null. */
	static String presented(HttpServletRequest request, boolean urlToken) {
		if (urlToken && request.getHeader("X-Webhook-Secret") != null) {
			return request.getHeader("X-Webhook-Secret");
		}
		String authorization = request.getHeader("Authorization");
		if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return authorization.substring(7).trim();
		}
		return urlToken ? token(request.getQueryString()) : null;
	}

	/**
	 * The {@code token} query parameter, read from the query string itself: asking the
	 * servlet for a parameter would consume a form-encoded body before it could be read
	 * as the notification.
	 */
	static String token(String query) {
		if (query == null) {
			return null;
		}
		for (String pair : query.split("&")) {
			if (pair.startsWith("token=")) {
				try {
					return URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8);
				}
				catch (IllegalArgumentException ex) {
					throw new MalformedRequestException("the token query parameter is not valid %-encoding: write a % "
							+ "in the secret as %25, or send the secret in the X-Webhook-Secret header");
				}
			}
		}
		return null;
	}

	static byte[] sha256(String s) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The secret presented; authenticated once it matched. */
	static final class Token extends AbstractAuthenticationToken {

		private final String given;

		Token(String given) {
			super(List.of());
			this.given = given;
		}

		private Token() {
			super(List.of(new SimpleGrantedAuthority(AUTHORITY)));
			this.given = null;
			setAuthenticated(true);
		}

		@Override
		public Object getCredentials() {
			return this.given;
		}

		@Override
		public Object getPrincipal() {
			return "webhook secret";
		}

		@Override
		public String toString() {
			return "WebhookSecretAuthentication.Token[authenticated=" + isAuthenticated() + "]";
		}

	}

	/**
	 * Compares digests, which have equal length, so the time taken does not depend on the
	 * secret's length either.
	 */
	private record Provider(byte[] expected) implements AuthenticationProvider {

		@Override
		public Authentication authenticate(Authentication authentication) {
			String given = (String) authentication.getCredentials();
			if (!MessageDigest.isEqual(this.expected, sha256(given))) {
				throw new BadCredentialsException("wrong webhook secret");
			}
			return new Token();
		}

		@Override
		public boolean supports(Class<?> type) {
			return Token.class.isAssignableFrom(type);
		}

	}

}
