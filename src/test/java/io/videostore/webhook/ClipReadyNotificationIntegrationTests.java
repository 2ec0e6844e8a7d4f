package io.videostore.webhook;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpServer;
import io.videostore.clips.JobState;
import io.videostore.config.AppConfig;
import io.videostore.config.CameraConfig;
import io.videostore.config.IxonApiConfig;
import io.videostore.config.NotifyConfig;
import io.videostore.config.StorageConfig;
import io.videostore.config.VideoConfig;
import io.videostore.testcam.NoFfmpegLeftBehind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * "Clip ready" messages reach a receiver on loopback: signed, complete, retried after a
 * 500, in order.
 */
@NoFfmpegLeftBehind
class ClipReadyNotificationIntegrationTests {

	private static final String SECRET = "receiver-secret-0123456789";

	@TempDir
	Path videos;

	private HttpServer receiver;

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private final AtomicInteger calls = new AtomicInteger();

	private record Received(String body, String timestamp, String signature) {
	}

	@BeforeEach
	void startReceiver() throws IOException {
		this.receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.receiver.createContext("/hook", (exchange) -> {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			// The first delivery fails: it must come again, before the next message.
			int status = (this.calls.incrementAndGet() == 1) ? 500 : 204;
			if (status == 204) {
				this.received.add(new Received(body, exchange.getRequestHeaders().getFirst("X-Videostore-Timestamp"),
						exchange.getRequestHeaders().getFirst("X-Videostore-Signature")));
			}
			exchange.sendResponseHeaders(status, -1);
			exchange.close();
		});
		this.receiver.start();
	}

	@AfterEach
	void stopReceiver() {
		this.receiver.stop(0);
	}

	@Test
	void eachFinishedClipIsAnnouncedSignedInOrderAndAFailedDeliveryIsRetried() throws Exception {
		VideoConfig video = VideoConfig.DEFAULTS.withOutput(this.videos).withDuration(Duration.ofSeconds(1));
		AppConfig config = notifying(video);
		try (WebhookRig rig = WebhookRig.start(config, Map.of("videostore.notify.min-backoff", "200ms"))) {
			long first = WebhookRecordingIntegrationTests
				.alarmId(rig.post(WebhookRig.alarm("dev-1", "Press 1", WebhookRig.createdOn(0))));
			rig.awaitJobsFinished(first, Duration.ofSeconds(30));
			long second = WebhookRecordingIntegrationTests
				.alarmId(rig.post(WebhookRig.alarm("dev-2", "Press 2", WebhookRig.createdOn(0))));
			rig.awaitJobsFinished(second, Duration.ofSeconds(30));

			await().atMost(Duration.ofSeconds(20)).until(() -> this.received.size() == 2);
		}
		assertThat(this.calls.get()).as("one failed delivery, retried").isEqualTo(3);
		JsonMapper json = JsonMapper.builder().build();
		JsonNode a = json.readTree(this.received.get(0).body());
		JsonNode b = json.readTree(this.received.get(1).body());
		assertThat(a.path("alarmId").asLong()).as("in order").isEqualTo(1);
		assertThat(b.path("alarmId").asLong()).isEqualTo(2);
		assertThat(a.path("event").asString()).isEqualTo("clip.ready");
		assertThat(a.path("status").asString()).isEqualTo("done");
		assertThat(a.path("deviceId").asString()).isEqualTo("dev-1");
		assertThat(a.path("alarmText").asString()).isEqualTo("Door open of Press 1 was triggered");
		assertThat(a.path("clip").path("file").asString()).endsWith("_Press_1.mp4");
		assertThat(a.path("clip").path("durationSeconds").asDouble()).isGreaterThan(0.5);
		for (Received r : this.received) {
			assertThat(r.signature()).isEqualTo("sha256=" + hmac(r.timestamp() + "." + r.body()));
		}
	}

	@Test
	void anAlarmThatJoinedARunningRecordingIsAnnouncedWithTheClipItShares() throws Exception {
		VideoConfig video = VideoConfig.DEFAULTS.withOutput(this.videos).withDuration(Duration.ofSeconds(4));
		AppConfig config = notifying(video);
		this.calls.set(1);
		try (WebhookRig rig = WebhookRig.start(config, Map.of("videostore.notify.min-backoff", "200ms"))) {
			long first = WebhookRecordingIntegrationTests
				.alarmId(rig.post(WebhookRig.alarm("dev-1", "Press 1", WebhookRig.createdOn(0))));
			await().atMost(Duration.ofSeconds(20))
				.until(() -> rig.jobs().jobsForAlarm(first).get(0).startedAt() != null);
			long joined = WebhookRecordingIntegrationTests
				.alarmId(rig.post(WebhookRig.alarm("dev-1", "Press 1 again", WebhookRig.createdOn(1))));
			rig.awaitJobsFinished(first, Duration.ofSeconds(30));

			await().atMost(Duration.ofSeconds(20)).until(() -> this.received.size() == 2);
			assertThat(rig.jobs().jobsForAlarm(joined).get(0).state()).isEqualTo(JobState.JOINED);
		}
		JsonMapper json = JsonMapper.builder().build();
		JsonNode a = json.readTree(this.received.get(0).body());
		JsonNode b = json.readTree(this.received.get(1).body());
		assertThat(b.path("alarmId").asLong()).isEqualTo(2);
		assertThat(b.path("status").asString()).isEqualTo("done");
		assertThat(b.path("reason").asString()).startsWith("shares the clip of alarm 1");
		assertThat(b.path("clip").path("id").asLong()).isEqualTo(a.path("clip").path("id").asLong()).isPositive();
	}

	private AppConfig notifying(VideoConfig video) {
		String url = "http://127.0.0.1:" + this.receiver.getAddress().getPort() + "/hook";
		return new AppConfig(new IxonApiConfig("", "", "", "", "", IxonApiConfig.DEFAULT_BASE_URL),
				List.of(CameraConfig.demo(video)), video, WebhookRig.webhooks(10, 1), null, StorageConfig.DEFAULTS,
				new NotifyConfig(List.of(new NotifyConfig.Target(url, SECRET))), null, false);
	}

	private static String hmac(String text) throws Exception {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		return java.util.HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
	}

}
