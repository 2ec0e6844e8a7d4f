package io.videostore.security;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.web.authentication.preauth.AbstractPreAuthenticatedProcessingFilter;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationProvider;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Authenticates a request this machine sent directly ({@link Callers#thisMachine}) as
 * {@link #NAME} with the authority {@link #AUTHORITY}: the connection vouches for it, as
 * a client certificate would, so it is Spring Security's pre-authentication. Nothing is
 * kept in a session; each request is judged by itself.
 */
final class ThisMachineFilter extends AbstractPreAuthenticatedProcessingFilter {

	static final String NAME = "this machine";

	static final String AUTHORITY = "THIS_MACHINE";

	ThisMachineFilter(RequestMatcher applies) {
		PreAuthenticatedAuthenticationProvider provider = new PreAuthenticatedAuthenticationProvider();
		provider.setPreAuthenticatedUserDetailsService((token) -> User.withUsername(NAME)
			.password("")
			.authorities(List.of(new SimpleGrantedAuthority(AUTHORITY)))
			.build());
		setAuthenticationManager(new ProviderManager(provider));
		setSecurityContextRepository(new RequestAttributeSecurityContextRepository());
		setRequiresAuthenticationRequestMatcher(applies);
		setCheckForPrincipalChanges(false);
	}

	@Override
	protected Object getPreAuthenticatedPrincipal(HttpServletRequest request) {
		return Callers.thisMachine(request) ? NAME : null;
	}

	@Override
	protected Object getPreAuthenticatedCredentials(HttpServletRequest request) {
		return "";
	}

}
