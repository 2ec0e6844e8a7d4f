package io.videostore.security;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.videostore.cli.TestServices;
import io.videostore.config.AppConfig;
import io.videostore.config.CameraConfig;
import io.videostore.config.IxonApiConfig;
import io.videostore.config.ServerConfig;
import io.videostore.config.VideoConfig;
import io.videostore.config.WebConfig;
import io.videostore.config.WebhooksConfig;
import io.videostore.testcam.RawHttp;
import io.videostore.testcam.RawHttp.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The doors of a running service, as a client on the network or on this machine meets
 * them: the webhook's secret, no-secret mode against web pages and rebound host names,
 * the web server's own errors as problem+json, cookies and security headers, and what a
 * proxy's headers change when the proxy is trusted and when it is not.
 */
@ExtendWith(OutputCaptureExtension.class)
class DoorsIntegrationTests {

	static final String SECRET = "a-long-random-webhook-secret-0123456789";

	static final String PASSWORD = "alice-password-123";

	@TempDir
	static Path folder;

	/** A secret and a user, no trusted proxy. */
	static ConfigurableApplicationContext guarded;

	/** No secret, no users: this machine only. */
	static ConfigurableApplicationContext open;

	/** A secret and a user, behind a proxy on this machine. */
	static ConfigurableApplicationContext proxied;

	@BeforeAll
	static void start() {
		WebConfig web = new WebConfig(
				List.of(new WebConfig.User("alice", "{bcrypt}" + new BCryptPasswordEncoder().encode(PASSWORD))));
		guarded = TestServices.start(config("guarded", SECRET).withWeb(web));
		open = TestServices.start(config("open", ""));
		proxied = TestServices
			.start(config("proxied", SECRET).withWeb(web).withServer(new ServerConfig(List.of("127.0.0.1/32"))));
	}

	@AfterAll
	static void stop() {
		for (ConfigurableApplicationContext context : List.of(guarded, open, proxied)) {
			context.close();
		}
	}

	@Test
	void aWebhookWithoutTheSecretIs401AndIsNeitherStoredNorRepeated(CapturedOutput output) throws Exception {
		double refusedBefore = refused(guarded);

		Answer missing = send(guarded, RawHttp.post("/webhook", alarm("Press 1")));
		Answer wrong = send(guarded, RawHttp.post("/webhook?token=guess", alarm("Press 1")));

		assertThat(missing.status()).isEqualTo(401);
		assertThat(missing.headers()).contains("application/problem+json",
				"WWW-Authenticate: Bearer realm=\"video-store webhook\"");
		assertThat(missing.body()).contains("missing or wrong webhook secret").doesNotContain("Press 1");
		assertThat(wrong.status()).isEqualTo(401);
		assertThat(refused(guarded) - refusedBefore).isEqualTo(2);
		assertThat(output.getAll()).contains("Webhook from 127.0.0.1 refused: 401").doesNotContain("guess");
		assertThat(get(guarded, "/api/alarms", basic()).body()).doesNotContain("Press 1");
	}

	@Test
	void theSecretIsTakenFromTheHeaderABearerTokenOrTheTokenParameter() throws Exception {
		assertThat(send(guarded, RawHttp.post("/webhook", alarm("Press 2"), "X-Webhook-Secret: " + SECRET)).status())
			.isEqualTo(202);
		assertThat(
				send(guarded, RawHttp.post("/webhook", alarm("Press 2"), "Authorization: Bearer " + SECRET)).status())
			.isIn(200, 202);
		assertThat(send(guarded, RawHttp.post("/webhook?token=" + SECRET, alarm("Press 3"), "X-Forwarded-For: 1.2.3.4"))
			.status()).isEqualTo(202);
	}

	@Test
	void aUiSessionThatComesAlongWithTheWebhookOrTheMetricsKeepsItsId() throws Exception {
		String session = login(guarded);

		Answer webhook = send(guarded,
				RawHttp.post("/webhook", alarm("Press 8"), "X-Webhook-Secret: " + SECRET, "Cookie: " + session));
		Answer metrics = get(guarded, "/actuator/prometheus", "Authorization: Bearer " + SECRET, "Cookie: " + session);

		assertThat(webhook.status()).isEqualTo(202);
		assertThat(webhook.headers()).doesNotContain("JSESSIONID");
		assertThat(metrics.headers()).doesNotContain("JSESSIONID");
		assertThat(get(guarded, "/api/alarms", "Cookie: " + session).status()).as("still logged in").isEqualTo(200);
	}

	@Test
	void aTokenThatIsNotValidPercentEncodingIs400WithoutRepeatingIt() throws Exception {
		Answer answer = send(guarded, RawHttp.post("/webhook?token=%zz" + SECRET.substring(0, 8), alarm("Press 4")));

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.headers()).contains("application/problem+json");
		assertThat(answer.body()).contains("%25").doesNotContain(SECRET.substring(0, 8));
	}

	@Test
	void metricsNeedTheSecretALoginOrThisMachineWhateverThePathsSpelling() throws Exception {
		for (String path : List.of("/actuator/prometheus", "/actuator/%70rometheus", "/actuator/prometheus/",
				"/actuator/%70%72%6f%6d%65%74%68%65%75%73", "/actuator//prometheus", "/actuator;x=y/prometheus",
				"/actuator/./prometheus", "/actuator/x/../prometheus", "/Actuator/Prometheus",
				"/actuator%2Fprometheus")) {
			Answer remote = get(guarded, path, "X-Forwarded-For: 203.0.113.7");
			assertThat(remote.status()).as(path).isNotEqualTo(200).isLessThan(500);
			assertThat(remote.body()).as(path).doesNotContain("# TYPE", "videostore_");
		}
		assertThat(get(guarded, "/actuator/%70rometheus", "Authorization: Bearer " + SECRET).body())
			.contains("videostore_");
		assertThat(get(guarded, "/actuator/%70rometheus", basic()).body()).contains("videostore_");
		assertThat(get(guarded, "/actuator/%70rometheus").body()).as("this machine").contains("videostore_");
	}

	@Test
	void badEscapesInTheQueryAre400ForAnyoneAndLogNothing(CapturedOutput output) throws Exception {
		int before = output.getAll().length();
		for (String target : List.of("/login?x=%", "/actuator/health?x=%zz", "/api/alarms?from=%", "/?a=%e9",
				"/api/stats/timeline?zone=%c3%28", "/v3/api-docs?x=%")) {
			Answer answer = get(guarded, target, basic());
			assertThat(answer.status()).as(target).isEqualTo(400);
			assertThat(answer.headers()).as(target).contains("application/problem+json");
		}
		assertThat(output.getAll().substring(before)).doesNotContain("ERROR", "\tat ");
	}

	@Test
	void aFormBodyWithABadEscapeIs400NotA500(CapturedOutput output) throws Exception {
		String body = "username=alice&password=%";
		Answer answer = send(guarded,
				"POST /login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\n"
						+ "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body);

		assertThat(answer.status()).isBetween(400, 403);
		assertThat(output.getAll()).doesNotContain("ERROR", "\tat ");
	}

	@Test
	void theWebServersOwnErrorsAreProblemsNotHtmlPages() throws Exception {
		for (String request : List.of("GET / HTTP/2.5\r\nHost: localhost\r\n\r\n",
				"GET / HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: foo\r\nConnection: close\r\n\r\n",
				"GET /api/%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
				"GET / HTTP/1.1\r\nHost: a b\r\nConnection: close\r\n\r\n")) {
			Answer answer = send(guarded, request);
			assertThat(answer.status()).as(request).isIn(400, 501, 505);
			assertThat(answer.headers()).as(request).contains("application/problem+json");
			assertThat(answer.body()).as(request).doesNotContain("<html", "Tomcat");
		}
	}

	@Test
	void withoutASecretTheWebhookTakesJsonOnly() throws Exception {
		Answer text = send(open, RawHttp.post("/webhook", alarm("Press 5")).replace("application/json", "text/plain"));
		Answer any = send(open, RawHttp.post("/webhook", alarm("Press 5")).replace("application/json", "*/*"));
		Answer json = send(open, RawHttp.post("/webhook", alarm("Press 5")));

		assertThat(text.status()).isEqualTo(415);
		assertThat(any.status()).isEqualTo(415);
		assertThat(text.body()).contains("application/json");
		assertThat(json.status()).isEqualTo(202);
	}

	@Test
	void withoutASecretAWebPageOfAnotherOriginCannotPostAnAlarm() throws Exception {
		for (String header : List.of("Origin: http://127.0.0.1:9999", "Origin: null", "Sec-Fetch-Site: cross-site",
				"Sec-Fetch-Site: same-site", "X-Forwarded-For: 198.51.100.1", "X_Forwarded_For: 198.51.100.1",
				"CDN-Loop: cloudflare", "X-Originating-IP: 198.51.100.1")) {
			Answer answer = send(open, RawHttp.post("/webhook", alarm("Press 6"), header));
			assertThat(answer.status()).as(header).isEqualTo(401);
		}
		assertThat(get(open, "/api/alarms").body()).doesNotContain("Press 6");
	}

	@Test
	void withoutASecretOrUsersAHostNameOtherThanThisMachineIsRefused() throws Exception {
		Answer rebound = send(open,
				"GET /api/alarms HTTP/1.1\r\nHost: attacker.example:8080\r\nConnection: close\r\n\r\n");
		Answer local = send(open, "GET /api/alarms HTTP/1.1\r\nHost: localhost:8080\r\nConnection: close\r\n\r\n");

		assertThat(rebound.status()).isEqualTo(400);
		assertThat(rebound.body()).contains("Host header").doesNotContain("\"items\"");
		assertThat(local.status()).isEqualTo(200);
	}

	@Test
	void aReboundHostNameIsNotThisMachineEvenWhenTheServiceListensEverywhere() throws Exception {
		Answer rebound = send(guarded,
				"GET /actuator/prometheus HTTP/1.1\r\nHost: attacker.example\r\nConnection: close\r\n\r\n");

		assertThat(rebound.status()).isEqualTo(401);
		assertThat(rebound.body()).doesNotContain("videostore_");
	}

	@Test
	void pagesCarryTheSecurityHeadersAndSameSiteCookies() throws Exception {
		Answer login = get(guarded, "/login");
		Answer page = get(guarded, "/alarms");

		assertThat(login.headers()).contains("Content-Security-Policy: default-src 'self'",
				"Referrer-Policy: same-origin", "Permissions-Policy: camera=()", "X-Frame-Options: DENY");
		assertThat(login.headers()).containsPattern("Set-Cookie: XSRF-TOKEN=[^\\r\\n]*SameSite=Lax");
		assertThat(page.headers()).containsPattern("Set-Cookie: JSESSIONID=[^\\r\\n]*HttpOnly; SameSite=Lax")
			.doesNotContain("Secure");
	}

	@Test
	void withoutATrustedProxyRedirectsNameNoHostAndForwardedHeadersChangeNothing() throws Exception {
		Answer page = get(guarded, "/alarms", "Host: attacker.example", "X-Forwarded-Proto: https",
				"X-Forwarded-Host: attacker.example");

		Answer http10 = send(guarded, "GET /alarms HTTP/1.0\r\nHost: attacker.example\r\nAccept: text/html\r\n\r\n");

		assertThat(page.status()).isEqualTo(302);
		assertThat(page.headers()).contains("Location: /login").doesNotContain("attacker", "Secure");
		assertThat(http10.headers()).as("HTTP/1.0, as nginx speaks to its upstream")
			.contains("Location: /login")
			.doesNotContain("attacker");
	}

	@Test
	void behindATrustedProxyRedirectsAndCookiesFollowTheOriginalScheme() throws Exception {
		Answer page = get(proxied, "/alarms", "X-Forwarded-Proto: https", "X-Forwarded-Host: video.example.com",
				"X-Forwarded-For: 198.51.100.20");

		assertThat(page.status()).isEqualTo(302);
		assertThat(page.headers()).contains("Location: https://video.example.com/login");
		assertThat(page.headers()).containsPattern("Set-Cookie: JSESSIONID=[^\\r\\n]*Secure; HttpOnly; SameSite=Lax");
	}

	@Test
	void anEncodedLoginPathIsThrottledLikeThePlainOne() throws Exception {
		String body = "username=mallory&password=guess";
		int last = 0;
		for (int i = 0; i < 7; i++) {
			last = send(proxied,
					"POST /log%69n HTTP/1.1\r\nHost: localhost\r\nX-Forwarded-For: 198.51.100.99\r\n"
							+ "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length()
							+ "\r\nConnection: close\r\n\r\n" + body)
				.status();
		}

		assertThat(last).isEqualTo(429);
	}

	@Test
	void theActuatorHasNoLinkPageThatRepeatsTheHost() throws Exception {
		Answer links = get(guarded, "/actuator", "Host: attacker.example");

		assertThat(links.body()).doesNotContain("attacker");
	}

	/** The session cookie of a form login. */
	private static String login(ConfigurableApplicationContext service) throws IOException {
		Answer form = get(service, "/login");
		java.util.regex.Matcher token = java.util.regex.Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"")
			.matcher(form.body());
		java.util.regex.Matcher cookie = java.util.regex.Pattern.compile("Set-Cookie: (XSRF-TOKEN=[^;]*)")
			.matcher(form.headers());
		assertThat(token.find() && cookie.find()).isTrue();
		String body = "username=alice&password=" + PASSWORD + "&_csrf=" + token.group(1);
		Answer login = send(service, RawHttp.post("/login", body, "Cookie: " + cookie.group(1))
			.replace("Content-Type: application/json", "Content-Type: application/x-www-form-urlencoded"));
		java.util.regex.Matcher session = java.util.regex.Pattern.compile("Set-Cookie: (JSESSIONID=[^;]*)")
			.matcher(login.headers());
		assertThat(session.find()).as(login.text()).isTrue();
		return session.group(1);
	}

	private static Answer get(ConfigurableApplicationContext service, String target, String... headers)
			throws IOException {
		boolean host = List.of(headers).stream().anyMatch((h) -> h.startsWith("Host:"));
		String request = RawHttp.get(target, headers);
		if (host) {
			request = request.replaceFirst("Host: localhost\r\n", "");
		}
		return send(service, request);
	}

	private static Answer send(ConfigurableApplicationContext service, String request) throws IOException {
		return RawHttp.exchange(port(service), request);
	}

	private static int port(ConfigurableApplicationContext service) {
		return Integer.parseInt(service.getEnvironment().getProperty("local.server.port"));
	}

	private static double refused(ConfigurableApplicationContext service) {
		return service.getBean(MeterRegistry.class).counter("videostore.webhooks", "outcome", "unauthorized").count();
	}

	private static String basic() {
		return "Authorization: Basic " + java.util.Base64.getEncoder().encodeToString(("alice:" + PASSWORD).getBytes());
	}

	private static AppConfig config(String name, String secret) {
		VideoConfig video = VideoConfig.DEFAULTS.withOutput(folder.resolve(name)).withDuration(Duration.ofSeconds(1));
		return new AppConfig(new IxonApiConfig("", "", "", "", "", IxonApiConfig.DEFAULT_BASE_URL),
				List.of(CameraConfig.demo(video)), video,
				new WebhooksConfig(10, 1, secret, Duration.ofSeconds(30), Duration.ofSeconds(10)), null, false);
	}

	private static String alarm(String device) {
		String now = LocalDateTime.now(ZoneOffset.UTC)
			.truncatedTo(ChronoUnit.SECONDS)
			.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
		return """
				{"companyId":"1111-2222-3333-4444-5555","createdOn":"%s","systemLabel":"alarm-high",
				 "shortContent":"Door open of %s was triggered","extraInfo":{"Device ID":"d-%s","Device name":"%s"}}"""
			.formatted(now, device, device.replace(' ', '-'), device);
	}

}
