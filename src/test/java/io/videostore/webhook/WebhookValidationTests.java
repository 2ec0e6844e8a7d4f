package io.videostore.webhook;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.videostore.config.CameraConfig;
import io.videostore.config.VideoConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What /webhook answers to callers without the secret and to bodies that are not usable
 * Cloud Notify messages: a specific problem+json, never a 500, and nothing stored for
 * unauthorized requests.
 */
class WebhookValidationTests {

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
	void missingSecretIs401AndNothingIsStored() throws Exception {
		long before = rig.index().countAlarms();

		HttpResponse<String> r = rig.post(WebhookRig.example("cloud-notify-alarm.json"), "");

		assertThat(r.statusCode()).isEqualTo(401);
		assertThat(r.headers().firstValue("Content-Type"))
			.hasValueSatisfying((t) -> assertThat(t).contains("problem+json"));
		assertThat(r.body()).contains("missing or wrong webhook secret").doesNotContain("Gripper");
		assertThat(rig.index().countAlarms()).isEqualTo(before);
	}

	@Test
	void wrongSecretIs401() throws Exception {
		assertThat(rig.post(WebhookRig.example("cloud-notify-alarm.json"), "?token=guess").statusCode()).isEqualTo(401);
	}

	@Test
	void secretInHeaderIsAccepted() throws Exception {
		var request = java.net.http.HttpRequest
			.newBuilder(java.net.URI.create("http://127.0.0.1:" + rig.port + "/webhook"))
			.header("X-Webhook-Secret", WebhookRig.SECRET)
			.POST(java.net.http.HttpRequest.BodyPublishers
				.ofString(WebhookRig.alarm("hdr1", "Header test", WebhookRig.createdOn(0))))
			.build();

		assertThat(rig.http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(202);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', quoteCharacter = '`',
			textBlock = """
					not JSON                  | {"createdOn": | body
					empty body                | ``            | body
					a JSON array              | [1,2]         | body
					a string that is no object| "\\"hello\\"" | body
					createdOn missing         | {"systemLabel":"alarm-high"} | createdOn
					createdOn a number        | {"createdOn": 1732620000} | createdOn
					createdOn not a date      | {"createdOn": "yesterday"} | createdOn
					companyId a number        | {"createdOn":"2026-11-26T12:26:24","companyId":5} | companyId
					extraInfo an array        | {"createdOn":"2026-11-26T12:26:24","extraInfo":[1]} | extraInfo
					Device name an object     | {"createdOn":"2026-11-26T12:26:24","extraInfo":{"Device name":{"a":1}}} | extraInfo.Device name
					""")
	void malformedBodiesAre400NamingTheField(String what, String body, String field) throws Exception {
		HttpResponse<String> r = rig.post((body == null) ? "" : body);

		assertThat(r.statusCode()).as(what).isEqualTo(400);
		assertThat(r.body()).contains("\"field\":\"" + field + "\"", "Invalid Cloud Notify message");
	}

	@Test
	void oversizedBodyIs413() throws Exception {
		String big = "{\"createdOn\":\"2026-11-26T12:26:24\",\"longContent\":\"" + "x".repeat(70_000) + "\"}";

		assertThat(rig.post(big).statusCode()).isEqualTo(413);
	}

	@Test
	void unknownFieldsAreAcceptedAndKeptInTheStoredPayload() throws Exception {
		String body = WebhookRig.alarm("unk1", "Unknown fields", WebhookRig.createdOn(0))
			.replace("{\"companyId\"", "{\"severity\":3,\"newThing\":{\"a\":[1]},\"companyId\"");

		HttpResponse<String> r = rig.post(body);

		assertThat(r.statusCode()).isEqualTo(202);
		long alarmId = Long.parseLong(r.body().replaceAll(".*\"alarmId\":(\\d+).*", "$1"));
		assertThat(rig.index().alarm(alarmId).orElseThrow().payload()).contains("newThing");
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

	@Test
	void formEncodedContentTypeStillReadsTheJsonBody() throws Exception {
		var request = java.net.http.HttpRequest
			.newBuilder(java.net.URI.create("http://127.0.0.1:" + rig.port + "/webhook?token=" + WebhookRig.SECRET))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(java.net.http.HttpRequest.BodyPublishers
				.ofString(WebhookRig.alarm("form1", "Form", WebhookRig.createdOn(0)).replace("Door", "Form")))
			.build();

		assertThat(rig.http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(202);
	}

	@Test
	void wrongMethodIsAProblemNotAStackTrace() throws Exception {
		var request = java.net.http.HttpRequest
			.newBuilder(java.net.URI.create("http://127.0.0.1:" + rig.port + "/webhook"))
			.GET()
			.build();
		HttpResponse<String> r = rig.http.send(request, HttpResponse.BodyHandlers.ofString());

		assertThat(r.statusCode()).isEqualTo(405);
		assertThat(r.body()).doesNotContain("Exception", "\tat ");
	}

}
