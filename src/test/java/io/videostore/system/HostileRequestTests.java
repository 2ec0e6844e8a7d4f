package io.videostore.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.videostore.cli.TestServices;
import io.videostore.clips.ClipRecord;
import io.videostore.clips.Clips;
import io.videostore.clips.JobView;
import io.videostore.clips.Jobs;
import io.videostore.config.AppConfig;
import io.videostore.config.CameraConfig;
import io.videostore.config.IxonApiConfig;
import io.videostore.config.VideoConfig;
import io.videostore.config.WebConfig;
import io.videostore.config.WebhooksConfig;
import io.videostore.system.HostileTable.Case;
import io.videostore.system.HostileTable.Ids;
import io.videostore.testcam.LanAddress;
import io.videostore.testcam.RawHttp;
import io.videostore.testcam.RawHttp.Answer;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every door of the running service, knocked on the hostile way (see
 * {@link HostileTable}: the OpenAPI description's endpoints and the pages, login,
 * actuator and static files, with bad ids, bad %-escapes, dates beyond the calendar, odd
 * spellings of protected paths, odd headers and bodies) by an anonymous caller from the
 * network (through a proxy, and straight to this machine's network address when it has
 * one), one on this machine and a logged-in one. None gets a 5xx, the anonymous caller
 * from the network gets nothing protected, refusals of the API are problem+json, and the
 * log gets no stack trace, no ERROR and at most a line per request. Without users and
 * secret (the service then trusts this machine only), neither a caller from the network
 * nor a page of another host name that resolves to 127.0.0.1 (DNS rebinding) gets data.
 * Every failing request is listed at once ({@link HostileRun#report()}).
 */
@ExtendWith(OutputCaptureExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileRequestTests {

	static final String SECRET = "a-long-random-webhook-secret-0123456789";

	static final String PASSWORD = "alice-password-123";

	/** The seeded alarm's device: it must never reach an anonymous caller. */
	static final String DEVICE = "Press Leakcheck 7";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@TempDir
	static Path videos;

	/** Seeded by the first configuration, found again by the second. */
	static Ids ids;

	@Test
	@Order(1)
	void hostileRequestsGetNoServerErrorNoProtectedDataAndNoStackTrace(CapturedOutput output) throws Exception {
		// A bcrypt hash, as --hash-password prints it. Each check of it takes bcrypt's
		// time, so the logged-in caller sends HTTP Basic and the session of a form login:
		// the service then checks the password once.
		AppConfig config = config(new WebhooksConfig(100, 2, SECRET, Duration.ofSeconds(30), Duration.ofSeconds(10)))
			.withWeb(new WebConfig(
					List.of(new WebConfig.User("alice", "{bcrypt}" + new BCryptPasswordEncoder().encode(PASSWORD)))));
		ConfigurableApplicationContext service = TestServices.start(config);
		try {
			int port = port(service);
			seed(service, "X-Webhook-Secret: " + SECRET);
			List<Caller> callers = new ArrayList<>();
			callers.add(Caller.remote("anonymous via a proxy", "127.0.0.1", port, "X-Forwarded-For: 203.0.113.7"));
			LanAddress.find().ifPresent((lan) -> callers.add(Caller.remote("anonymous from the network", lan, port)));
			callers.add(new Caller("anonymous on this machine", "127.0.0.1", "127.0.0.1:" + port, List.of(), false));
			callers.add(new Caller("logged in", "127.0.0.1", "127.0.0.1:" + port,
					List.of(basic("alice", PASSWORD), formLogin(port, "alice", PASSWORD)), false));
			List<Case> table = HostileTable.from(apiDocs(port, basic("alice", PASSWORD)), ids);

			HostileRun run = HostileRun.of(port, callers, DEVICE, SECRET).send(table, output);
			System.out.print(run.summary());

			assertThat(run.failures()).as(run.report()).isEmpty();
		}
		finally {
			service.close();
		}
	}

	@Test
	@Order(2)
	void withoutUsersOrSecretNoRemoteCallerAndNoOtherHostNameGetsData(CapturedOutput output) throws Exception {
		AppConfig config = config(new WebhooksConfig(100, 2, "", Duration.ofSeconds(30), Duration.ofSeconds(10)));
		ConfigurableApplicationContext service = TestServices.start(config);
		try {
			int port = port(service);
			if (ids == null) {
				seed(service);
			}
			// DNS rebinding: a web page from evil.example, whose name now points to
			// 127.0.0.1, asks the browser on this machine for the API.
			List<Caller> callers = List.of(
					Caller.remote("anonymous via a proxy", "127.0.0.1", port, "X-Forwarded-For: 203.0.113.7"),
					new Caller("another host name (DNS rebinding)", "127.0.0.1", "evil.example:8080", List.of(), true));
			List<Case> table = HostileTable.from(apiDocs(port), ids);

			HostileRun run = HostileRun.of(port, callers, DEVICE, null).send(table, output);
			System.out.print(run.summary());

			assertThat(run.failures()).as(run.report()).isEmpty();
		}
		finally {
			service.close();
		}
	}

	/** Who sends a request: where it connects to, its Host, its own headers. */
	record Caller(String name, String connectTo, String host, List<String> headers, boolean mustSeeNothing) {

		static Caller remote(String name, String connectTo, int port, String... headers) {
			return new Caller(name, connectTo, connectTo + ":" + port, List.of(headers), true);
		}

	}

	private static AppConfig config(WebhooksConfig webhooks) {
		VideoConfig video = VideoConfig.DEFAULTS.withOutput(videos).withDuration(Duration.ofSeconds(1));
		return new AppConfig(new IxonApiConfig("", "", "", "", "", IxonApiConfig.DEFAULT_BASE_URL),
				List.of(CameraConfig.demo(video)), video, webhooks, null, false);
	}

	/**
	 * Something to leak: an alarm of {@link #DEVICE} with a real clip of the demo camera,
	 * and a copy of that clip to delete (id 1, the id that some hostile spellings of 1
	 * reach).
	 */
	private static void seed(ConfigurableApplicationContext service, String... secretHeader) throws Exception {
		Clips clips = service.getBean(Clips.class);
		Jobs jobs = service.getBean(Jobs.class);
		Path victim = videos.resolve("victim.mp4");
		Instant now = Instant.now();
		long victimClip = clips.recordClip(
				new ClipRecord("demo", victim.toString(), 1.0, 25, "h264", 640, 360, 0, now.minusSeconds(1), now, now));
		String createdOn = LocalDateTime.now(ZoneOffset.UTC)
			.truncatedTo(ChronoUnit.SECONDS)
			.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
		String alarm = """
				{"companyId":"1111-2222-3333-4444-5555","createdOn":"%s","systemLabel":"alarm-high",
				 "shortContent":"Door open of %s was triggered","extraInfo":{"Device ID":"leak7","Device name":"%s"}}"""
			.formatted(createdOn, DEVICE, DEVICE);
		Answer answer = RawHttp.exchange(port(service), RawHttp.post("/webhook", alarm, secretHeader));
		assertThat(answer.status()).as(answer.text()).isIn(200, 202);
		long alarmId = JSON.readTree(answer.body()).path("alarmId").asLong();
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
			List<JobView> ofAlarm = jobs.jobsForAlarm(alarmId);
			return !ofAlarm.isEmpty() && ofAlarm.stream().allMatch((j) -> j.finishedAt() != null);
		});
		Long clip = jobs.jobsForAlarm(alarmId).get(0).clipId();
		assertThat(clip).as("the demo camera's clip").isNotNull().isNotEqualTo(victimClip);
		Files.copy(Path.of(clips.clip(clip).orElseThrow().path()), victim);
		ids = new Ids(alarmId, clip, victimClip, "demo");
	}

	private static JsonNode apiDocs(int port, String... credentials) throws IOException {
		Answer docs = RawHttp.exchange(port, RawHttp.get("/v3/api-docs", credentials));
		assertThat(docs.status()).as(docs.text()).isEqualTo(200);
		return JSON.readTree(docs.body());
	}

	/** The session cookie of a login with the form, as a header line. */
	private static String formLogin(int port, String user, String password) throws IOException {
		Answer form = RawHttp.exchange(port, RawHttp.get("/login"));
		Matcher token = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(form.body());
		Matcher cookie = Pattern.compile("Set-Cookie: (XSRF-TOKEN=[^;]*)").matcher(form.headers());
		assertThat(token.find() && cookie.find()).as(form.text()).isTrue();
		String body = "username=" + user + "&password=" + password + "&_csrf=" + token.group(1);
		Answer login = RawHttp.exchange(port, RawHttp.post("/login", body, "Cookie: " + cookie.group(1))
			.replace("Content-Type: application/json", "Content-Type: application/x-www-form-urlencoded"));
		Matcher session = Pattern.compile("Set-Cookie: (JSESSIONID=[^;]*)").matcher(login.headers());
		assertThat(login.status() == 302 && session.find()).as(login.text()).isTrue();
		return "Cookie: " + session.group(1);
	}

	private static String basic(String user, String password) {
		return "Authorization: Basic "
				+ Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	private static int port(ConfigurableApplicationContext service) {
		return Integer.parseInt(service.getEnvironment().getProperty("local.server.port"));
	}

}
