package io.videostore.system;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.videostore.cli.TestServices;
import io.videostore.config.AppConfig;
import io.videostore.config.CameraConfig;
import io.videostore.config.IxonApiConfig;
import io.videostore.config.VideoConfig;
import io.videostore.config.WebConfig;
import io.videostore.config.WebhooksConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service with users in {@code web.users}: the UI logs in with a form, API clients
 * with HTTP Basic, the webhook keeps its own secret, and guessing passwords is slowed
 * down and logged without them.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebLoginIntegrationTests {

	static final String SECRET = "a-long-random-webhook-secret-0123456789";

	static final String ALICE_PASSWORD = "alice-password-123";

	@TempDir
	static Path videos;

	static ConfigurableApplicationContext context;

	static int port;

	final HttpClient http = HttpClient.newHttpClient();

	@BeforeAll
	static void start() {
		VideoConfig video = VideoConfig.DEFAULTS.withOutput(videos).withDuration(Duration.ofSeconds(1));
		WebConfig web = new WebConfig(
				List.of(new WebConfig.User("alice", "{bcrypt}" + new BCryptPasswordEncoder().encode(ALICE_PASSWORD)),
						new WebConfig.User("bob", "bob-plain-password")));
		context = TestServices
			.start(new AppConfig(new IxonApiConfig("", "", "", "", "", IxonApiConfig.DEFAULT_BASE_URL),
					List.of(CameraConfig.demo(video)), video,
					new WebhooksConfig(10, 1, SECRET, Duration.ofSeconds(30), Duration.ofSeconds(10)), null, false)
				.withWeb(web));
		port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
	}

	@AfterAll
	static void stop() {
		context.close();
	}

	@Test
	void anApiClientWithoutCredentialsGets401ProblemAskingForBasic() throws Exception {
		HttpResponse<String> r = get("/api/alarms", null);

		assertThat(r.statusCode()).isEqualTo(401);
		assertThat(r.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(r.headers().firstValue("WWW-Authenticate")).contains("Basic realm=\"video-store\"");
		assertThat(r.headers().allValues("Set-Cookie")).noneMatch((c) -> c.startsWith("JSESSIONID"));
	}

	@Test
	void anApiClientWithAHashedOrAPlainPasswordGetsIn() throws Exception {
		assertThat(get("/api/alarms", basic("alice", ALICE_PASSWORD)).statusCode()).isNotIn(401, 403);
		assertThat(get("/api/alarms", basic("bob", "bob-plain-password")).statusCode()).isNotIn(401, 403);
	}

	@Test
	void anUnknownUserOrAWrongPasswordGets401AndNothingElse() throws Exception {
		HttpResponse<String> unknown = get("/api/alarms", basic("eve", ALICE_PASSWORD));
		HttpResponse<String> wrong = get("/api/alarms/1", basic("alice", "not-her-password"));
		HttpResponse<String> delete = this.http.send(
				request("/api/clips/1").header("Authorization", basic("eve", "x")).DELETE().build(),
				HttpResponse.BodyHandlers.ofString());

		assertThat(unknown.statusCode()).isEqualTo(401);
		assertThat(wrong.statusCode()).isEqualTo(401);
		assertThat(delete.statusCode()).isEqualTo(401);
		assertThat(unknown.body()).doesNotContain("items");
	}

	@Test
	void aBrowserIsSentToTheLoginFormAndLogsInWithItsCsrfToken() throws Exception {
		HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
		HttpResponse<String> page = browser.send(request("/").header("Accept", "text/html").build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(page.statusCode()).isEqualTo(302);
		assertThat(page.headers().firstValue("Location")).hasValueSatisfying((l) -> assertThat(l).endsWith("/login"));

		HttpResponse<String> form = browser.send(request("/login").build(), HttpResponse.BodyHandlers.ofString());
		Matcher token = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(form.body());
		assertThat(token.find()).as(form.body()).isTrue();
		HttpResponse<String> withoutToken = browser.send(
				postForm("/login", "username=alice&password=" + ALICE_PASSWORD), HttpResponse.BodyHandlers.ofString());
		HttpResponse<String> login = browser.send(
				postForm("/login", "username=alice&password=" + ALICE_PASSWORD + "&_csrf=" + enc(token.group(1))),
				HttpResponse.BodyHandlers.ofString());

		assertThat(withoutToken.statusCode()).as("no CSRF token, no login").isEqualTo(403);
		assertThat(login.statusCode()).isEqualTo(302);
		assertThat(login.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
		HttpResponse<String> api = browser.send(request("/api/alarms").build(), HttpResponse.BodyHandlers.ofString());
		assertThat(api.statusCode()).as("the session logs the UI's API calls in").isNotIn(401, 403);
	}

	@Test
	@Order(Integer.MAX_VALUE) // It blocks this machine's address for the tests after it.
	void guessingPasswordsIsAnswered429AfterFiveFailuresAndLoggedWithoutThePassword(CapturedOutput output)
			throws Exception {
		String forwarded = "10.9.8.7";
		int status = 0;
		for (int i = 0; i < 6; i++) {
			status = get("/api/alarms", basic("mallory", "guess-number-" + i), forwarded).statusCode();
		}

		assertThat(status).isEqualTo(429);
		HttpResponse<String> blocked = get("/api/alarms", basic("alice", ALICE_PASSWORD), forwarded);
		assertThat(blocked.statusCode()).as("even the right password waits").isEqualTo(429);
		assertThat(blocked.headers().firstValue("Retry-After")).isPresent();
		assertThat(output.getOut()).contains("Web login failed for user 'mallory' from ")
			.doesNotContain("guess-number-");
	}

	@Test
	void theWebhookNeedsNoLoginAndGetsNoSession() throws Exception {
		HttpResponse<String> r = this.http
			.send(request("/webhook?token=" + SECRET).header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"createdOn\": \"not a date\"}"))
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(r.statusCode()).isEqualTo(400);
		assertThat(r.headers().firstValue("Set-Cookie")).isEmpty();
	}

	@Test
	void healthShowsItsStatusToAnyoneAndItsDetailsToALoggedInUser() throws Exception {
		// A proxy header makes this machine's request count as a remote one.
		HttpResponse<String> anonymous = get("/actuator/health", null, "203.0.113.9");
		HttpResponse<String> user = get("/actuator/health", basic("alice", ALICE_PASSWORD), "203.0.113.9");
		HttpResponse<String> metrics = get("/actuator/prometheus", basic("alice", ALICE_PASSWORD), "203.0.113.9");

		assertThat(anonymous.body()).contains("\"status\"").doesNotContain("components");
		assertThat(user.body()).contains("components");
		assertThat(metrics.statusCode()).isEqualTo(200);
	}

	private HttpResponse<String> get(String path, String authorization) throws Exception {
		return get(path, authorization, null);
	}

	private HttpResponse<String> get(String path, String authorization, String forwardedFor) throws Exception {
		HttpRequest.Builder b = request(path);
		if (authorization != null) {
			b.header("Authorization", authorization);
		}
		if (forwardedFor != null) {
			b.header("X-Forwarded-For", forwardedFor);
		}
		return this.http.send(b.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10));
	}

	private static HttpRequest postForm(String path, String body) {
		return request(path).header("Content-Type", "application/x-www-form-urlencoded")
			.header("Origin", "http://127.0.0.1:" + port)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
	}

	private static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	private static String enc(String s) {
		return URLEncoder.encode(s, StandardCharsets.UTF_8);
	}

}
