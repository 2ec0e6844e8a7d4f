package io.videostore.security;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

import io.videostore.system.MalformedRequestException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.preauth.AbstractPreAuthenticatedProcessingFilter;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The webhook's shared secret ({@code webhooks.secret}) as a credential: sent as the
 * {@code X-Webhook-Secret} header, as {@code Authorization: Bearer …}, or, because IXON
 * can only be given a URL, as the {@code token} query parameter of {@code /webhook}.
 * Compared in constant time; a request presenting it is authenticated with the authority
 * {@link #AUTHORITY}; one presenting another value or none goes on unauthenticated, and
 * the door it knocks at refuses it (or shows health's status only).
 * <p>
 * Spring Security's pre-authentication, as for a client certificate: the request itself
 * carries the credential. Unlike its {@code AuthenticationFilter}, this never changes the
 * ID of a session the request may also carry (a UI user's), and keeps nothing in one.
 */
final class WebhookSecretAuthentication extends AbstractPreAuthenticatedProcessingFilter {

	static final String AUTHORITY = "WEBHOOK_SECRET";

	private static final String PRINCIPAL = "webhook secret";

	private final boolean urlToken;

	/**
	 * For the requests {@code applies} matches; {@code urlToken}: also the {@code token}
	 * query parameter and {@code X-Webhook-Secret} (for {@code /webhook}).
	 */
	WebhookSecretAuthentication(String secret, boolean urlToken, RequestMatcher applies) {
		this.urlToken = urlToken;
		setAuthenticationManager(new ProviderManager(new Provider(sha256(secret))));
		setSecurityContextRepository(new RequestAttributeSecurityContextRepository());
		setRequiresAuthenticationRequestMatcher(applies);
		setCheckForPrincipalChanges(false);
	}

	@Override
	protected Object getPreAuthenticatedPrincipal(HttpServletRequest request) {
		return (presented(request, this.urlToken) != null) ? PRINCIPAL : null;
	}

	@Override
	protected Object getPreAuthenticatedCredentials(HttpServletRequest request) {
		return presented(request, this.urlToken);
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

	/**
	 * Compares digests, which have equal length, so the time taken does not depend on the
	 * secret's length either.
	 */
	private record Provider(byte[] expected) implements AuthenticationProvider {

		@Override
		public Authentication authenticate(Authentication authentication) {
			Object given = authentication.getCredentials();
			if (!(given instanceof String s) || !MessageDigest.isEqual(this.expected, sha256(s))) {
				throw new BadCredentialsException("wrong webhook secret");
			}
			return new PreAuthenticatedAuthenticationToken(PRINCIPAL, "",
					List.of(new SimpleGrantedAuthority(AUTHORITY)));
		}

		@Override
		public boolean supports(Class<?> type) {
			return PreAuthenticatedAuthenticationToken.class.isAssignableFrom(type);
		}

	}

}
