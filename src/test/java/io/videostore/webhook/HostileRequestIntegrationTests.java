package io.videostore.webhook;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import io.videostore.config.CameraConfig;
import io.videostore.config.VideoConfig;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests from clients that get things wrong, or on purpose, through the real web
 * server: each is answered with a 4xx problem (never a 500), writes one short log line at
 * most, and never puts the webhook secret into the log. Raw sockets, because HTTP clients
 * refuse to send most of these requests.
 */
@ExtendWith(OutputCaptureExtension.class)
class HostileRequestIntegrationTests {

	/** What a user pastes into IXON's URL field unencoded. */
	static final String SECRET = "pasted|{secret}^\"<>`[x]\\-0123456789";

	@TempDir
	static Path videos;

	static WebhookRig rig;

	@BeforeAll
	static void start() {
		VideoConfig video = VideoConfig.DEFAULTS.withOutput(videos).withDuration(Duration.ofSeconds(1));
		rig = WebhookRig.start(List.of(CameraConfig.demo(video)), video,
				new WebhooksConfig(10, 1, SECRET, Duration.ofSeconds(30), Duration.ofSeconds(10)));
	}

	@AfterAll
	static void stop() {
		rig.close();
	}

	@Test
	void aBadPercentEscapeInTheQueryIsA400ProblemNotA500(CapturedOutput output) throws Exception {
		Answer answer = logged(output, () -> send(RawHttp.post("/webhook?token=%", notAnAlarm())),
				(lines) -> assertThat(lines).as("log lines").hasSizeLessThanOrEqualTo(1));

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.headers()).contains("application/problem+json");
	}

	@Test
	void aBadPercentEscapeDoesNotMatterWhenTheSecretHeaderIsRight(CapturedOutput output) throws Exception {
		Answer answer = logged(output,
				() -> send(RawHttp.post("/webhook?token=%zz&x=%", notAnAlarm(), "X-Webhook-Secret: " + SECRET)),
				(lines) -> assertThat(lines).isEmpty());

		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.body()).contains("\"alarmId\"");
	}

	@Test
	void healthWithExtraPathSegmentsIsA404Problem(CapturedOutput output) throws Exception {
		Answer answer = logged(output, () -> send(RawHttp.get("/actuator/health/a/b")),
				(lines) -> assertThat(lines).isEmpty());

		assertThat(answer.status()).isEqualTo(404);
	}

	@Test
	void theErrorPageRequestedDirectlyIsA404(CapturedOutput output) throws Exception {
		for (String method : new String[] { "GET", "POST" }) {
			Answer answer = logged(output,
					() -> send(
							method + " /error HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"),
					(lines) -> assertThat(lines).isEmpty());

			assertThat(answer.status()).as(method).isEqualTo(404);
		}
	}

	@Test
	void aCreatedOnBeyondTheRangeOfDatesIsA400NamingIt(CapturedOutput output) throws Exception {
		for (String createdOn : new String[] { "+999999999-12-31T23:59:59-18:00", "-999999999-01-01T00:00:00+18:00",
				"+999999999-12-31T23:59:59" }) {
			Answer answer = logged(output, () -> send(RawHttp.post("/webhook",
					WebhookRig.alarm("d1", "Press 1", createdOn), "X-Webhook-Secret: " + SECRET)),
					(lines) -> assertThat(lines).hasSizeLessThanOrEqualTo(1));

			assertThat(answer.status()).as(createdOn).isEqualTo(400);
			assertThat(answer.body()).contains("\"field\":\"createdOn\"");
		}
	}

	@Test
	void theWebhookAnswersJsonWhateverTheSenderAccepts(CapturedOutput output) throws Exception {
		for (String accept : new String[] { "text/html", "text/plain", "application/xml", "image/png" }) {
			Answer answer = logged(output,
					() -> send(
							RawHttp.post("/webhook", notAnAlarm(), "X-Webhook-Secret: " + SECRET, "Accept: " + accept)),
					(lines) -> assertThat(lines).isEmpty());

			assertThat(answer.status()).as(accept).isEqualTo(200);
			assertThat(answer.headers()).contains("application/json");
			assertThat(answer.body()).contains("\"alarmId\"");
			Answer refused = send(RawHttp.post("/webhook", notAnAlarm(), "Accept: " + accept));
			assertThat(refused.status()).as(accept).isEqualTo(401);
		}
	}

	@Test
	void aSecretPastedUnencodedIntoTheUrlIsComparedAndNeverLogged(CapturedOutput output) throws Exception {
		Answer right = logged(output, () -> send(RawHttp.post("/webhook?token=" + SECRET, notAnAlarm())),
				(lines) -> assertThat(lines).isEmpty());
		Answer wrong = logged(output, () -> send(RawHttp.post("/webhook?token=" + SECRET + "{0}", notAnAlarm())),
				(lines) -> assertThat(lines).hasSizeLessThanOrEqualTo(1));

		assertThat(right.status()).isEqualTo(200);
		assertThat(wrong.status()).isEqualTo(401);
		assertThat(output.getAll()).doesNotContain("secret}");
	}

	@Test
	void aSpaceInTheTokenIsRefusedWithoutLoggingIt(CapturedOutput output) throws Exception {
		Answer answer = logged(output,
				() -> send(RawHttp.post("/webhook?token=pasted secret-with-space", notAnAlarm())),
				(lines) -> assertThat(lines).hasSizeLessThanOrEqualTo(1));

		assertThat(answer.status()).isEqualTo(400);
		assertThat(output.getAll()).doesNotContain("secret-with-space").doesNotContain("token=pasted");
	}

	@Test
	void controlCharactersInADeviceNameAreEscapedInTheLog(CapturedOutput output) throws Exception {
		String deviceName = "Press 7\\r\\n2026-11-26T12:00:00Z ERROR [main] forged\\u001b[2J\\u0000";
		// Long expired: logged at WARN, and nothing is recorded in the background.
		Answer answer = logged(output,
				() -> send(RawHttp.post("/webhook", WebhookRig.alarm("d9", deviceName, "2020-01-01T00:00:00"),
						"X-Webhook-Secret: " + SECRET)),
				(lines) -> assertThat(lines).singleElement()
					.asString()
					// A NUL becomes U+FFFD as it arrives (PostgreSQL cannot store it).
					.contains("from 'Press 7\\r\\n2026-11-26T12:00:00Z ERROR [main] forged\\u001b[2J\uFFFD'"));

		assertThat(answer.status()).isEqualTo(200);
		assertThat(output.getAll()).doesNotContain("\u001b[2J").doesNotContain("\u0000");
	}

	private static String notAnAlarm() throws Exception {
		return WebhookRig.example("cloud-notify-not-an-alarm.json");
	}

	private static Answer send(String request) throws Exception {
		return RawHttp.exchange(rig.port, request);
	}

	interface Call {

		Answer call() throws Exception;

	}

	interface LinesCheck {

		void check(List<String> lines);

	}

	/**
	 * Makes the call and checks the log lines it wrote; none may hold a stack trace.
	 */
	private static Answer logged(CapturedOutput output, Call call, LinesCheck check) throws Exception {
		int before = output.getAll().length();
		Answer answer = call.call();
		// The start-up's ffmpeg check runs on its own thread beside the first requests:
		// its
		// line is not the request's.
		Supplier<List<String>> lines = () -> Arrays.stream(output.getAll().substring(before).split("\\R"))
			.filter((line) -> !line.isBlank())
			.filter((line) -> !line.contains("[ffmpeg-check]"))
			.toList();
		assertThat(lines.get()).noneMatch((line) -> line.contains("Exception") || line.startsWith("\tat "));
		check.check(lines.get());
		return answer;
	}

}
