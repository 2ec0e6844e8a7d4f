package io.videostore.system;

import java.util.List;
import java.util.Map;

import io.videostore.config.AppConfig;
import io.videostore.config.WebConfig;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Who may use what ({@code web.users}). With users, the UI logs in with a form and a
 * session (CSRF-protected), API clients with HTTP Basic and the same users; with none,
 * the UI and API answer only on this machine and the start-up log says how to add one.
 * {@code /webhook} keeps its own secret and never gets a session; health's status is
 * public, its details and the metrics need a login (or this machine, or the webhook
 * secret, see {@link ActuatorAccessFilter}). Refusals are problem+json through the one
 * exception handler, except for a browser asking for a page, which goes to the login.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

	/** Requests that never need a login: they have their own guard or show nothing. */
	private static final String[] OPEN = { "/webhook", "/webhook/**", "/error", "/actuator", "/actuator/**", "/login",
			"/favicon.ico", "/css/**", "/js/**", "/webjars/**" };

	/**
	 * {@code /webhook} checks its own secret: no login, no session, no CSRF cookie, and
	 * as little work per alarm as the storm of alarms after an outage allows.
	 */
	@Bean
	@Order(1)
	SecurityFilterChain webhookFilterChain(HttpSecurity http) throws Exception {
		http.securityMatcher("/webhook", "/webhook/**")
			.authorizeHttpRequests((authorize) -> authorize.anyRequest().permitAll())
			.csrf((csrf) -> csrf.disable())
			.requestCache((cache) -> cache.disable())
			.securityContext((context) -> context.disable())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.anonymous((anonymous) -> anonymous.disable());
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain securityFilterChain(HttpSecurity http, AppConfig config, LoginThrottle throttle,
			@Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver) throws Exception {
		boolean users = !config.web().users().isEmpty();
		RequestMatcher api = PathPatternRequestMatcher.withDefaults().matcher("/api/**");
		RequestMatcher apiDocs = PathPatternRequestMatcher.withDefaults().matcher("/v3/api-docs/**");
		AuthenticationEntryPoint problem = (request, response, ex) -> resolver.resolveException(request, response, null,
				new LoginRequired(users));
		AccessDeniedHandler denied = (request, response, ex) -> resolver.resolveException(request, response, null,
				new Forbidden(ex.getMessage()));
		http.authorizeHttpRequests((authorize) -> {
			authorize.requestMatchers(OPEN).permitAll();
			if (users) {
				authorize.anyRequest().authenticated();
			}
			else {
				authorize.anyRequest().access(thisMachineOnly());
			}
		});
		// The UI's scripts read the token from the XSRF-TOKEN cookie and send it as
		// X-XSRF-TOKEN.
		http.csrf((csrf) -> csrf.spa()
			.ignoringRequestMatchers(SecurityConfiguration::withoutBrowserCredentials)
			.ignoringRequestMatchers("/webhook", "/webhook/**", "/actuator/**"));
		// Only a page a browser was sent away from is remembered (in a session) to return
		// to.
		HttpSessionRequestCache pages = new HttpSessionRequestCache();
		pages.setRequestMatcher(new NegatedRequestMatcher(
				new OrRequestMatcher(api, apiDocs, PathPatternRequestMatcher.withDefaults().matcher("/actuator/**"))));
		http.requestCache((cache) -> cache.requestCache(pages));
		http.exceptionHandling((handling) -> {
			handling.defaultAuthenticationEntryPointFor(problem, api);
			handling.defaultAuthenticationEntryPointFor(problem, apiDocs);
			handling.defaultAuthenticationEntryPointFor(
					users ? new LoginUrlAuthenticationEntryPoint("/login") : problem, (request) -> true);
			handling.accessDeniedHandler(denied);
		});
		if (users) {
			http.formLogin((form) -> form.loginPage("/login").permitAll());
			http.httpBasic((basic) -> basic.authenticationEntryPoint(problem));
			http.logout((logout) -> logout.logoutSuccessUrl("/login?logout"));
		}
		else {
			http.formLogin((form) -> form.disable());
			http.httpBasic((basic) -> basic.disable());
		}
		http.addFilterBefore(throttle, UsernamePasswordAuthenticationFilter.class);
		return http.build();
	}

	/**
	 * CSRF guards a browser's cookie session. A request with neither a cookie nor an
	 * {@code Origin} (curl, a PLC, Node-RED) or with HTTP Basic credentials cannot be
	 * forged by another site, so it needs no token.
	 */
	static boolean withoutBrowserCredentials(HttpServletRequest request) {
		String authorization = request.getHeader("Authorization");
		if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
			return true;
		}
		return request.getHeader("Cookie") == null && request.getHeader("Origin") == null;
	}

	private static AuthorizationManager<RequestAuthorizationContext> thisMachineOnly() {
		return (authentication, context) -> new AuthorizationDecision(Callers.local(context.getRequest()));
	}

	/**
	 * The throttle runs inside the security chain only, not a second time as a servlet
	 * filter.
	 */
	@Bean
	FilterRegistrationBean<LoginThrottle> loginThrottleRegistration(LoginThrottle throttle) {
		FilterRegistrationBean<LoginThrottle> registration = new FilterRegistrationBean<>(throttle);
		registration.setEnabled(false);
		return registration;
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	UserDetailsService userDetailsService(AppConfig config) {
		List<UserDetails> users = config.web()
			.users()
			.stream()
			.map((u) -> User.withUsername(u.name())
				.password(u.plainText() ? "{noop}" + u.password() : u.password())
				.roles("USER")
				.build())
			.toList();
		describe(config.web());
		return new InMemoryUserDetailsManager(users);
	}

	private static void describe(WebConfig web) {
		if (web.users().isEmpty()) {
			log.warn("No web.users in the configuration: the web UI and the API answer only on this machine "
					+ "(http://127.0.0.1). To open them to others, add a user: print a password hash with "
					+ "'java -jar app.jar --hash-password' and put it in config.yml under web.users: "
					+ "[{name: ..., password: '{bcrypt}...'}]");
		}
		else {
			web.users()
				.stream()
				.filter(WebConfig.User::plainText)
				.forEach(
						(u) -> log.warn(
								"Web user '{}' has a plain-text password in the configuration; store a "
										+ "hash instead ('java -jar app.jar --hash-password')",
								LogText.of(u.name(), 64)));
		}
	}

	/** 401: who are you? */
	static final class LoginRequired extends ApiException {

		private final boolean users;

		LoginRequired(boolean users) {
			super(401, "Unauthorized", users ? "log in: HTTP Basic with a user from web.users, or the UI's login form"
					: "no web.users are configured, so the UI and API answer only on this machine", Map.of());
			this.users = users;
		}

		@Override
		public Map<String, String> headers() {
			return this.users ? Map.of("WWW-Authenticate", "Basic realm=\"video-store\"") : Map.of();
		}

	}

	/** 403: known, but not allowed (a CSRF token missing, or not this machine). */
	static final class Forbidden extends ApiException {

		Forbidden(String why) {
			super(403, "Forbidden",
					(why != null && why.toLowerCase(java.util.Locale.ROOT).contains("csrf"))
							? "the request carries no valid CSRF token: reload the page" : "not allowed from here",
					Map.of());
		}

	}

}
