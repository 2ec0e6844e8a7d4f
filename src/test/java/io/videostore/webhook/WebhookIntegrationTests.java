package io.videostore.webhook;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.videostore.config.CameraConfig;
import io.videostore.config.VideoConfig;
import io.videostore.testcam.NoFfmpegLeftBehind;
import io.videostore.testcam.NoFfmpegLeftBehind.When;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * /webhook through the whole service: what is stored and counted for alarms that record
 * nothing, unknown fields kept in the stored payload, and the secret in a header end to
 * end.
 */
@NoFfmpegLeftBehind(after = When.CLASS)
class WebhookIntegrationTests {

	@TempDir
	static Path videos;

	static WebhookRig rig;

	@BeforeAll
	static void start() {
		VideoConfig video = VideoConfig.DEFAULTS.withOutput(videos).withDuration(Duration.ofSeconds(1));
		rig = WebhookRig.start(List.of(CameraConfig.demo(video)), video, WebhookRig.webhooks(10, 1));
	}

	@AfterAll
	static void stop() {
		rig.close();
	}

	@Test
	void secretInHeaderIsAccepted() throws Exception {
		var request = java.net.http.HttpRequest
			.newBuilder(java.net.URI.create("http://127.0.0.1:" + rig.port + "/webhook"))
			.header("X-Webhook-Secret", WebhookRig.SECRET)
			.POST(java.net.http.HttpRequest.BodyPublishers
				.ofString(WebhookRig.alarm("hdr1", "Header test", WebhookRig.createdOn(0))))
			.build();

		HttpResponse<String> r = rig.http.send(request, HttpResponse.BodyHandlers.ofString());

		assertThat(r.statusCode()).isEqualTo(202);
		assertThat(r.body()).as("the answer's members in a fixed order")
			.matches(
					"\\{\"alarmId\":(\\d+),\"outcome\":\"accepted\",\"jobs\":\\[\\{\"camera\":\"demo\",\"jobId\":\\d+,\"state\":\"(queued|joined)\"}],"
							+ "\"links\":\\{\"alarm\":\"/api/alarms/\\1\",\"ui\":\"/alarms/\\1\"}}");
	}

	@Test
	void unknownFieldsAreAcceptedAndKeptInTheStoredPayload() throws Exception {
		String body = WebhookRig.alarm("unk1", "Unknown fields", WebhookRig.createdOn(0))
			.replace("{\"companyId\"", "{\"severity\":3,\"newThing\":{\"a\":[1]},\"companyId\"");

		HttpResponse<String> r = rig.post(body);

		assertThat(r.statusCode()).isEqualTo(202);
		long alarmId = Long.parseLong(r.body().replaceAll(".*\"alarmId\":(\\d+).*", "$1"));
		assertThat(rig.alarms().alarm(alarmId).orElseThrow().payload()).contains("newThing");
	}

	@Test
	void nonAlarmNotificationIsStoredButRecordsNothing() throws Exception {
		HttpResponse<String> r = rig.post(WebhookRig.example("cloud-notify-not-an-alarm.json"));

		assertThat(r.statusCode()).isEqualTo(200);
		assertThat(r.body()).contains("ignored: no camera matches", "\"jobs\":[]");
	}

	@Test
	void prometheusEndpointCountsWebhooksByOutcome() throws Exception {
		rig.post(WebhookRig.example("cloud-notify-not-an-alarm.json").replace("Line 4", "Line 9"));
		var request = java.net.http.HttpRequest
			.newBuilder(java.net.URI.create("http://127.0.0.1:" + rig.port + "/actuator/prometheus"))
			.GET()
			.build();

		String metrics = rig.http.send(request, HttpResponse.BodyHandlers.ofString()).body();

		assertThat(metrics).contains("videostore_webhooks_total{outcome=\"ignored\"}", "videostore_queue_depth",
				"videostore_recordings_active");
	}

	@Test
	void alarmThatArrivesLongAfterItsCreatedOnIsStoredAsExpiredNotRecorded() throws Exception {
		HttpResponse<String> r = rig.post(WebhookRig.alarm("late1", "Late", "2020-01-01T00:00:00"));

		assertThat(r.statusCode()).isEqualTo(200);
		assertThat(r.body()).contains("\"outcome\":\"expired: createdOn 2020-01-01T00:00 UTC", "\"state\":\"expired\"");
	}

}
