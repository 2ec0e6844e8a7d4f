package io.videostore.security;

import java.time.Clock;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.videostore.config.AppConfig;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.info.InfoEndpoint;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.DelegatingAuthenticationEntryPoint;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.logout.SimpleUrlLogoutSuccessHandler;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.RelativeRedirectFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Every door and who may pass it, decided here in Spring Security's filter chains on the
 * normalized path (docs/operations.md § Security has the table):
 * <ul>
 * <li>{@code /webhook}: the webhook secret ({@link WebhookSecretAuthentication}), or,
 * with none configured, a request this machine sent directly ({@link ThisMachineFilter});
 * no session, no CSRF.</li>
 * <li>the actuator: health's status and info to anyone; health's details and every other
 * endpoint to this machine, a logged-in web user, or the webhook secret as
 * {@code Authorization: Bearer}.</li>
 * <li>the UI and the REST API: a user from {@code web.users} (a form and a session for
 * the UI, HTTP Basic for scripts), or, with no users, this machine.</li>
 * </ul>
 * The {@link Firewall} refuses malformed requests before any of this ({@code 400}).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

	/** The role of a user from {@code web.users}. */
	static final String USER = "USER";

	/** Requests that never need a login: they have their own guard or show nothing. */
	private static final String[] OPEN = { "/error", "/login", "/favicon.ico", "/css/**", "/js/**", "/webjars/**" };

	/** The UI has no inline script or style; the video and thumbnails come from here. */
	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data: blob:; "
			+ "media-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

	static final String PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
			+ "serial=(), bluetooth=(), interest-cohort=()";

	@Bean
	HttpFirewall httpFirewall(AppConfig config, Environment environment) {
		return new Firewall(onlyThisMachineCanGetIn(config, environment));
	}

	@Bean
	RequestRejectedHandler requestRejectedHandler(
			@Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver) {
		return new RejectedRequests(resolver);
	}

	@Bean
	Refusals refusals(@Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver, MeterRegistry metrics,
			Clock clock) {
		return new Refusals(resolver, metrics, clock);
	}

	/**
	 * {@code /webhook}: as little work per alarm as the storm of alarms after an outage
	 * allows; no session, no CSRF cookie.
	 */
	@Bean
	@Order(1)
	SecurityFilterChain webhookFilterChain(HttpSecurity http, AppConfig config, Refusals refusals) throws Exception {
		String secret = config.webhooks().secret();
		boolean hasSecret = config.webhooks().hasSecret();
		AuthenticationEntryPoint refused = refusals.webhook(hasSecret);
		http.securityMatcher("/webhook", "/webhook/**")
			.authorizeHttpRequests((authorize) -> authorize.anyRequest()
				.hasAuthority(hasSecret ? WebhookSecretAuthentication.AUTHORITY : ThisMachineFilter.AUTHORITY))
			.csrf((csrf) -> csrf.disable())
			.requestCache((cache) -> cache.disable())
			// No session is read, made or changed: a UI user's session cookie that comes
			// along keeps its id (session management would change it as if they had just
			// logged in).
			.securityContext((context) -> context.disable())
			.sessionManagement((session) -> session.disable())
			.logout((logout) -> logout.disable())
			.anonymous((anonymous) -> anonymous.disable())
			.exceptionHandling((handling) -> handling.authenticationEntryPoint(refused)
				.accessDeniedHandler((request, response, ex) -> refused.commence(request, response, null)));
		if (hasSecret) {
			http.addFilterBefore(new WebhookSecretAuthentication(secret, true, AnyRequestMatcher.INSTANCE),
					AnonymousAuthenticationFilter.class);
		}
		else {
			http.addFilterBefore(new ThisMachineFilter(AnyRequestMatcher.INSTANCE),
					AnonymousAuthenticationFilter.class);
		}
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain securityFilterChain(HttpSecurity http, AppConfig config, LoginThrottle throttle,
			Refusals refusals) throws Exception {
		boolean users = !config.web().users().isEmpty();
		String secret = config.webhooks().secret();
		boolean hasSecret = config.webhooks().hasSecret();
		RequestMatcher actuator = EndpointRequest.toAnyEndpoint();
		RequestMatcher api = new OrRequestMatcher(path("/api/**"), path("/v3/api-docs/**"), path("/v3/api-docs"));
		Redirects redirects = new Redirects();
		http.authorizeHttpRequests(
				(authorize) -> authorize.requestMatchers(EndpointRequest.to(HealthEndpoint.class, InfoEndpoint.class))
					.permitAll()
					.requestMatchers(actuator)
					.hasAnyAuthority(ThisMachineFilter.AUTHORITY, WebhookSecretAuthentication.AUTHORITY, "ROLE_" + USER)
					.requestMatchers(OPEN)
					.permitAll()
					.anyRequest()
					.hasAuthority(users ? "ROLE_" + USER : ThisMachineFilter.AUTHORITY));
		// The UI's scripts read the token from the XSRF-TOKEN cookie and send it as
		// X-XSRF-TOKEN.
		CookieCsrfTokenRepository csrfTokens = CookieCsrfTokenRepository.withHttpOnlyFalse();
		csrfTokens.setCookieCustomizer((cookie) -> cookie.sameSite("Lax"));
		http.csrf((csrf) -> csrf.spa()
			.csrfTokenRepository(csrfTokens)
			.ignoringRequestMatchers(SecurityConfiguration::withoutBrowserCredentials)
			.ignoringRequestMatchers(actuator));
		// Only a page a browser was sent away from is remembered (in a session) to return
		// to.
		HttpSessionRequestCache pages = new HttpSessionRequestCache();
		pages.setRequestMatcher(new NegatedRequestMatcher(new OrRequestMatcher(api, actuator)));
		http.requestCache((cache) -> cache.requestCache(pages));
		AuthenticationEntryPoint problem = refusals.login(users);
		// One entry point for every request, set explicitly: form login would otherwise
		// add its own, which redirects to an absolute URL built from the Host header.
		AuthenticationEntryPoint entry = DelegatingAuthenticationEntryPoint.builder()
			.addEntryPointFor(refusals.actuator(hasSecret), actuator)
			.addEntryPointFor(problem, api)
			.defaultEntryPoint(
					users ? (request, response, ex) -> redirects.sendRedirect(request, response, "/login") : problem)
			.build();
		http.exceptionHandling(
				(handling) -> handling.authenticationEntryPoint(entry).accessDeniedHandler(refusals.denied()));
		// Swagger UI's script sets inline styles; the UI's own pages have none.
		RequestMatcher swagger = new OrRequestMatcher(path("/swagger-ui/**"), path("/swagger-ui.html"));
		http.headers((headers) -> headers
			.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(swagger,
					new ContentSecurityPolicyHeaderWriter(
							CONTENT_SECURITY_POLICY + "; style-src 'self' 'unsafe-inline'")))
			.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(new NegatedRequestMatcher(swagger),
					new ContentSecurityPolicyHeaderWriter(CONTENT_SECURITY_POLICY)))
			.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
			.permissionsPolicyHeader((permissions) -> permissions.policy(PERMISSIONS_POLICY)));
		if (users) {
			SavedRequestAwareAuthenticationSuccessHandler success = new SavedRequestAwareAuthenticationSuccessHandler();
			success.setRedirectStrategy(redirects);
			success.setRequestCache(pages);
			SimpleUrlAuthenticationFailureHandler failure = new SimpleUrlAuthenticationFailureHandler("/login?error");
			failure.setRedirectStrategy(redirects);
			SimpleUrlLogoutSuccessHandler logout = new SimpleUrlLogoutSuccessHandler();
			logout.setDefaultTargetUrl("/login?logout");
			logout.setRedirectStrategy(redirects);
			http.formLogin(
					(form) -> form.loginPage("/login").successHandler(success).failureHandler(failure).permitAll());
			http.httpBasic((basic) -> basic.authenticationEntryPoint(problem));
			http.logout((out) -> out.logoutSuccessHandler(logout));
		}
		else {
			http.formLogin((form) -> form.disable());
			http.httpBasic((basic) -> basic.disable());
		}
		if (hasSecret) {
			http.addFilterBefore(new WebhookSecretAuthentication(secret, false, actuator),
					AnonymousAuthenticationFilter.class);
		}
		// With users, this machine is trusted with the actuator only: its browser still
		// logs in for the UI.
		http.addFilterBefore(new ThisMachineFilter(users ? actuator : AnyRequestMatcher.INSTANCE),
				AnonymousAuthenticationFilter.class);
		http.addFilterBefore(throttle, UsernamePasswordAuthenticationFilter.class);
		return http.build();
	}

	private static RequestMatcher path(String pattern) {
		return PathPatternRequestMatcher.withDefaults().matcher(pattern);
	}

	/**
	 * True when nothing but being this machine lets a request in (no secret, no users, no
	 * trusted proxy) and the service listens on loopback only: then a request naming
	 * another host in its {@code Host} header is refused outright (DNS rebinding).
	 * Otherwise each door that trusts this machine checks the host itself
	 * ({@link Callers#thisMachine}).
	 */
	static boolean onlyThisMachineCanGetIn(AppConfig config, Environment environment) {
		return !config.webhooks().hasSecret() && config.web().users().isEmpty()
				&& config.server().trustedProxies().isEmpty()
				&& loopbackAddress(environment.getProperty("server.address"));
	}

	private static boolean loopbackAddress(String address) {
		return address != null && Callers.loopback(address.strip());
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

	/**
	 * Every redirect keeps the path it was given: Tomcat would make it absolute from the
	 * request's {@code Host} for an HTTP/1.0 request (as nginx sends by default),
	 * whatever {@code server.tomcat.use-relative-redirects} says. Spring's filter sets
	 * the status and {@code Location} itself.
	 */
	@Bean
	FilterRegistrationBean<RelativeRedirectFilter> relativeRedirects() {
		RelativeRedirectFilter filter = new RelativeRedirectFilter();
		filter.setRedirectStatus(HttpStatus.FOUND);
		FilterRegistrationBean<RelativeRedirectFilter> registration = new FilterRegistrationBean<>(filter);
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
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

	/**
	 * The users of {@code web.users}; a plain-text password was warned about on loading.
	 */
	@Bean
	UserDetailsService userDetailsService(AppConfig config) {
		List<UserDetails> users = config.web()
			.users()
			.stream()
			.map((u) -> User.withUsername(u.name())
				.password(u.plainText() ? "{noop}" + u.password() : u.password())
				.roles(USER)
				.build())
			.toList();
		if (users.isEmpty()) {
			log.warn("No web.users in the configuration: the web UI and the API answer only on this machine "
					+ "(http://localhost). To open them to others, add a user: print a password hash with "
					+ "'java -jar app.jar --hash-password' and put it in config.yml under web.users: "
					+ "[{name: ..., password: '{bcrypt}...'}]");
		}
		return new InMemoryUserDetailsManager(users);
	}

}
