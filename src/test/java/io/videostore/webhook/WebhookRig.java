package io.videostore.webhook;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.videostore.clips.Alarms;
import io.videostore.clips.Clips;
import io.videostore.clips.JobView;
import io.videostore.clips.Jobs;
import io.videostore.config.AppConfig;
import io.videostore.config.CameraConfig;
import io.videostore.config.IxonApiConfig;
import io.videostore.config.StorageConfig;
import io.videostore.config.VideoConfig;
import io.videostore.config.WebhooksConfig;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.awaitility.Awaitility.await;

/**
 * A running service on a random port with a given configuration, and a client to post
 * webhooks to it.
 */
final class WebhookRig implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	static final String SECRET = "a-long-random-webhook-secret-0123456789";

	static final Path EXAMPLES = Path.of("src/test/resources/examples");

	final ConfigurableApplicationContext context;

	final int port;

	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private WebhookRig(ConfigurableApplicationContext context) {
		this.context = context;
		this.port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
	}

	static WebhookRig start(List<CameraConfig> cameras, VideoConfig video, WebhooksConfig webhooks) {
		AppConfig config = new AppConfig(new IxonApiConfig("", "", "", "", "", IxonApiConfig.DEFAULT_BASE_URL), cameras,
				video, webhooks, null, false);
		return new WebhookRig(io.videostore.cli.TestServices.start(config));
	}

	/** With retention on, as the service runs it. */
	static WebhookRig startWithRetention(List<CameraConfig> cameras, VideoConfig video, WebhooksConfig webhooks,
			StorageConfig storage) {
		AppConfig config = new AppConfig(new IxonApiConfig("", "", "", "", "", IxonApiConfig.DEFAULT_BASE_URL), cameras,
				video, webhooks, null, storage, null, false);
		return new WebhookRig(
				io.videostore.cli.TestServices.start(config, java.util.Map.of("videostore.retention.enabled", "true")));
	}

	/** A service with this whole configuration and these properties. */
	static WebhookRig start(AppConfig config, java.util.Map<String, Object> properties) {
		return new WebhookRig(io.videostore.cli.TestServices.start(config, properties));
	}

	static WebhooksConfig webhooks(int queueSize, int workers) {
		return new WebhooksConfig(queueSize, workers, SECRET, Duration.ofSeconds(30), Duration.ofSeconds(10));
	}

	Alarms alarms() {
		return context.getBean(Alarms.class);
	}

	Jobs jobs() {
		return context.getBean(Jobs.class);
	}

	Clips clips() {
		return context.getBean(Clips.class);
	}

	HttpResponse<String> post(String body) throws IOException, InterruptedException {
		return post(body, "?token=" + SECRET);
	}

	HttpResponse<String> post(String body, String query) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhook" + query))
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		return http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	/** The createdOn written in the sample payloads. */
	static final String EXAMPLE_CREATED_ON = "2026-11-26T12:26:24";

	/**
	 * A sample payload, its createdOn moved to now: a fixed date would make the alarm
	 * expire as days pass.
	 */
	static String example(String name) throws IOException {
		return example(name, createdOn(0));
	}

	/** A sample payload with this createdOn. */
	static String example(String name, String createdOn) throws IOException {
		return Files.readString(EXAMPLES.resolve(name)).replace(EXAMPLE_CREATED_ON, createdOn);
	}

	/**
	 * A createdOn {@code offsetSeconds} from now, as IXON writes it: UTC, whole seconds,
	 * no offset.
	 */
	static String createdOn(int offsetSeconds) {
		return LocalDateTime.now(ZoneOffset.UTC)
			.plusSeconds(offsetSeconds)
			.truncatedTo(ChronoUnit.SECONDS)
			.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
	}

	/** An alarm like the sample, for another device and time. */
	static String alarm(String deviceId, String deviceName, String createdOn) {
		return """
				{"companyId":"1111-2222-3333-4444-5555","createdOn":"%s","systemLabel":"alarm-high",
				 "shortContent":"Door open of %s was triggered","longContent":"","alarmRateLimitTill":null,
				 "extraInfo":{"Device ID":"%s","Device name":"%s"}}""".formatted(createdOn, deviceName, deviceId,
				deviceName);
	}

	List<JobView> awaitJobsFinished(long alarmId, Duration timeout) {
		await().atMost(timeout).pollInterval(Duration.ofMillis(200)).until(() -> {
			List<JobView> jobs = jobs().jobsForAlarm(alarmId);
			return !jobs.isEmpty() && jobs.stream().allMatch((j) -> j.finishedAt() != null);
		});
		return jobs().jobsForAlarm(alarmId);
	}

	/**
	 * Waits until the camera's pre-roll buffer, as {@code /actuator/health} shows it, has
	 * been buffering for at least {@code span}: its clips can then reach that far back.
	 */
	void awaitBuffering(String cameraId, Duration span) {
		await(cameraId + " buffering for " + span).atMost(span.plusSeconds(30))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> bufferingSince(cameraId),
					(since) -> since != null && !since.isAfter(Instant.now().minus(span)));
	}

	private Instant bufferingSince(String cameraId) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
			.timeout(Duration.ofSeconds(10))
			.build();
		JsonNode buffer = JSON.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body())
			.path("components")
			.path("recording")
			.path("details")
			.path("preRollBuffers")
			.path(cameraId);
		if (!"BUFFERING".equals(buffer.path("kind").asString(""))) {
			return null;
		}
		JsonNode since = buffer.path("since");
		return since.isNumber() ? Instant.ofEpochMilli(Math.round(since.asDouble() * 1000))
				: Instant.parse(since.asString());
	}

	@Override
	public void close() {
		context.close();
	}

}
