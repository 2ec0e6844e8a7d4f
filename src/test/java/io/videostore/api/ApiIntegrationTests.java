package io.videostore.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import io.videostore.cli.TestServices;
import io.videostore.clips.AlarmContext;
import io.videostore.clips.AlarmContexts;
import io.videostore.config.AppConfig;
import io.videostore.config.CameraConfig;
import io.videostore.config.IxonApiConfig;
import io.videostore.config.RetentionConfig;
import io.videostore.config.StorageConfig;
import io.videostore.config.VideoConfig;
import io.videostore.config.WebhooksConfig;
import io.videostore.testcam.LocalS3;
import io.videostore.testcam.NoFfmpegLeftBehind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The REST API of the running service over HTTP, with the demo camera, real ffmpeg and a
 * bucket (s3proxy): record-now makes a clip that the list, the alarm page, the CSV and
 * the statistics show; its MP4 answers byte ranges and HEAD; its thumbnail is a real
 * JPEG; protect and delete change the index; a clip only in the bucket redirects to it;
 * the OpenAPI description lists the endpoints; ids that try to reach files are harmless.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@NoFfmpegLeftBehind(after = NoFfmpegLeftBehind.When.CLASS)
class ApiIntegrationTests {

	private static final String SECRET = "a-long-random-webhook-secret-0123456789";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@TempDir
	static Path videos;

	@TempDir
	static Path bucket;

	private LocalS3 s3;

	private ConfigurableApplicationContext service;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private long alarmId;

	private long clipId;

	private byte[] mp4;

	@BeforeAll
	void start() throws Exception {
		this.s3 = LocalS3.start(bucket);
		VideoConfig video = VideoConfig.DEFAULTS.withOutput(videos).withDuration(Duration.ofSeconds(2));
		AppConfig config = new AppConfig(new IxonApiConfig("", "", "", "", "", IxonApiConfig.DEFAULT_BASE_URL),
				List.of(CameraConfig.demo(video)), video,
				new WebhooksConfig(10, 1, SECRET, Duration.ofSeconds(30), Duration.ofSeconds(10)), null,
				new StorageConfig(this.s3.config("", true), RetentionConfig.DEFAULTS), null, false);
		this.service = TestServices.start(config);
		this.alarmId = recordNow("first clip");
		JsonNode alarm = awaitRecorded(this.alarmId);
		this.clipId = alarm.path("clips").get(0).path("id").asLong();
		this.mp4 = get("/api/clips/" + this.clipId + "/video").body();
	}

	@AfterAll
	void stop() throws Exception {
		if (this.service != null) {
			this.service.close();
		}
		this.s3.close();
	}

	@Test
	void recordNowMakesAClipThatTheAlarmPageShows() throws Exception {
		JsonNode alarm = json(get("/api/alarms/" + this.alarmId));

		assertThat(alarm.path("label").asString()).isEqualTo("record-now");
		assertThat(alarm.path("text").asString()).isEqualTo("first clip");
		assertThat(alarm.path("outcome").asString()).isEqualTo("done");
		assertThat(alarm.path("jobs").get(0).path("state").asString()).isEqualTo("done");
		JsonNode clip = alarm.path("clips").get(0);
		assertThat(clip.path("file").asString()).endsWith("_record_now_demo.mp4").doesNotContain("/");
		assertThat(clip.path("durationSeconds").asDouble()).isGreaterThan(1.0);
		assertThat(clip.path("sizeBytes").asLong()).isEqualTo(this.mp4.length);
		assertThat(clip.path("links").path("video").asString()).isEqualTo("/api/clips/" + this.clipId + "/video");
		assertThat(new String(this.mp4, 4, 4, StandardCharsets.US_ASCII)).isEqualTo("ftyp");
	}

	@Test
	void theListCsvAndStatisticsShowTheRecording() throws Exception {
		JsonNode page = json(get("/api/alarms?label=record-now&outcome=recorded&camera=demo&size=10"));
		String csv = new String(get("/api/alarms.csv?label=record-now").body(), StandardCharsets.UTF_8);
		JsonNode timeline = json(get("/api/stats/timeline?bucket=hour&zone=Europe/Amsterdam&label=record-now"));
		JsonNode heatmap = json(get("/api/stats/heatmap?zone=Asia/Kolkata"));

		assertThat(page.path("totalItems").asLong()).isGreaterThanOrEqualTo(1);
		assertThat(page.path("items").findValuesAsString("id")).contains(String.valueOf(this.alarmId));
		assertThat(csv).contains("\r\n" + this.alarmId + ",").contains(",record-now,first clip,done,");
		assertThat(timeline.path("total").asLong()).isGreaterThanOrEqualTo(1);
		assertThat(heatmap.path("total").asLong()).isGreaterThanOrEqualTo(1);
	}

	@Test
	void theVideoAnswersByteRangesOverHttp() throws Exception {
		int size = this.mp4.length;
		HttpResponse<byte[]> first = get("/api/clips/" + this.clipId + "/video", "Range", "bytes=0-99");
		HttpResponse<byte[]> middle = get("/api/clips/" + this.clipId + "/video", "Range", "bytes=1000-1999");
		HttpResponse<byte[]> suffix = get("/api/clips/" + this.clipId + "/video", "Range", "bytes=-500");
		HttpResponse<byte[]> open = get("/api/clips/" + this.clipId + "/video", "Range", "bytes=100-");
		HttpResponse<byte[]> beyond = get("/api/clips/" + this.clipId + "/video", "Range", "bytes=" + size + "-");
		HttpResponse<byte[]> none = get("/api/clips/" + this.clipId + "/video", "Range", "bytes=-0");
		HttpResponse<byte[]> broken = get("/api/clips/" + this.clipId + "/video", "Range", "bytes=x-y");
		HttpResponse<byte[]> empty = get("/api/clips/" + this.clipId + "/video", "Range", "bytes=");
		HttpResponse<byte[]> two = get("/api/clips/" + this.clipId + "/video", "Range", "bytes=0-1,5-6");

		assertThat(first.statusCode()).isEqualTo(206);
		assertThat(first.headers().firstValue("Content-Range")).hasValue("bytes 0-99/" + size);
		assertThat(first.headers().firstValue("Content-Length")).hasValue("100");
		assertThat(first.body()).isEqualTo(Arrays.copyOfRange(this.mp4, 0, 100));
		assertThat(middle.body()).isEqualTo(Arrays.copyOfRange(this.mp4, 1000, 2000));
		assertThat(suffix.headers().firstValue("Content-Range"))
			.hasValue("bytes " + (size - 500) + "-" + (size - 1) + "/" + size);
		assertThat(suffix.body()).isEqualTo(Arrays.copyOfRange(this.mp4, size - 500, size));
		assertThat(open.body()).isEqualTo(Arrays.copyOfRange(this.mp4, 100, size));
		assertThat(open.headers().firstValue("Content-Type")).hasValue("video/mp4");
		for (HttpResponse<byte[]> past : List.of(beyond, none)) {
			assertThat(past.statusCode()).isEqualTo(416);
			assertThat(past.headers().firstValue("Content-Range")).hasValue("bytes */" + size);
			assertThat(past.body()).isEmpty();
		}
		for (HttpResponse<byte[]> ignored : List.of(broken, empty, two)) {
			assertThat(ignored.statusCode()).isEqualTo(200);
			assertThat(ignored.headers().firstValue("Content-Range")).isEmpty();
			assertThat(ignored.body()).isEqualTo(this.mp4);
		}
	}

	@Test
	void anIfRangeForAnotherVersionGetsTheWholeVideoOverHttp() throws Exception {
		String etag = get("/api/clips/" + this.clipId + "/video").headers().firstValue("ETag").orElseThrow();
		HttpResponse<byte[]> same = get("/api/clips/" + this.clipId + "/video", "Range", "bytes=0-9", "If-Range", etag);
		HttpResponse<byte[]> other = get("/api/clips/" + this.clipId + "/video", "Range", "bytes=0-9", "If-Range",
				"\"clip-0-0-0\"");

		assertThat(same.statusCode()).isEqualTo(206);
		assertThat(same.body()).isEqualTo(Arrays.copyOfRange(this.mp4, 0, 10));
		assertThat(other.statusCode()).isEqualTo(200);
		assertThat(other.body()).isEqualTo(this.mp4);
	}

	@Test
	void headAnswersTheVideosHeadersWithoutItsBytes() throws Exception {
		HttpResponse<byte[]> head = this.http
			.send(request("/api/clips/" + this.clipId + "/video").method("HEAD", HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.ofByteArray());

		assertThat(head.statusCode()).isEqualTo(200);
		assertThat(head.headers().firstValue("Content-Length")).hasValue(String.valueOf(this.mp4.length));
		assertThat(head.headers().firstValue("Accept-Ranges")).hasValue("bytes");
		assertThat(head.headers().firstValue("ETag")).isPresent();
		assertThat(head.body()).isEmpty();
	}

	@Test
	void theThumbnailIsAJpegMadeOnceAndCached() throws Exception {
		HttpResponse<byte[]> made = get("/api/clips/" + this.clipId + "/thumbnail");
		Path cached = videos.resolve(".thumbnails").resolve(this.clipId + ".jpg");
		long written = Files.getLastModifiedTime(cached).toMillis();
		HttpResponse<byte[]> again = get("/api/clips/" + this.clipId + "/thumbnail");

		assertThat(made.statusCode()).isEqualTo(200);
		assertThat(made.headers().firstValue("Content-Type")).hasValue("image/jpeg");
		assertThat(made.body()).startsWith((byte) 0xFF, (byte) 0xD8);
		assertThat(made.body().length).isGreaterThan(1000);
		assertThat(again.body()).isEqualTo(made.body());
		assertThat(Files.getLastModifiedTime(cached).toMillis()).isEqualTo(written);
		assertThat(Files.list(cached.getParent()).map((f) -> f.getFileName().toString())).as("no work file left")
			.allMatch((name) -> name.endsWith(".jpg"));
	}

	@Test
	void protectingAClipMarksItForRetention() throws Exception {
		HttpResponse<byte[]> on = send("PUT", "/api/clips/" + this.clipId + "/protected", "{\"protected\": true}");

		assertThat(on.statusCode()).isEqualTo(200);
		assertThat(json(get("/api/alarms/" + this.alarmId)).path("clips").get(0).path("protected").asBoolean())
			.isTrue();
		assertThat(send("PUT", "/api/clips/" + this.clipId + "/protected", "false").statusCode()).isEqualTo(200);
		assertThat(json(get("/api/alarms/" + this.alarmId)).path("clips").get(0).path("protected").asBoolean())
			.isFalse();
	}

	@Test
	void aDeletedClipThatWasUploadedRedirectsToTheBucketAndStillHasAThumbnail() throws Exception {
		long alarm = recordNow("to delete");
		JsonNode clip = awaitRecorded(alarm).path("clips").get(0);
		long id = clip.path("id").asLong();
		byte[] bytes = get("/api/clips/" + id + "/video").body();
		await().atMost(Duration.ofSeconds(30)).until(() -> "both".equals(clipOf(alarm).path("location").asString()));

		HttpResponse<byte[]> deleted = send("DELETE", "/api/clips/" + id, null);
		HttpResponse<byte[]> redirect = get("/api/clips/" + id + "/video");

		assertThat(json(deleted).path("location").asString()).isEqualTo("cloud");
		assertThat(json(deleted).path("deletedReason").asString()).isEqualTo("deleted by a user");
		assertThat(Files.list(videos).map((f) -> f.getFileName().toString()))
			.doesNotContain(clip.path("file").asString());
		assertThat(redirect.statusCode()).isEqualTo(307);
		URI presigned = URI.create(redirect.headers().firstValue("Location").orElseThrow());
		assertThat(presigned.toString()).startsWith(this.s3.endpoint().toString()).contains("X-Amz-Signature");
		HttpResponse<byte[]> fromBucket = this.http.send(HttpRequest.newBuilder(presigned).build(),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(fromBucket.body()).isEqualTo(bytes);
		HttpResponse<byte[]> thumbnail = get("/api/clips/" + id + "/thumbnail");
		assertThat(thumbnail.body()).as("made from the bucket's copy").startsWith((byte) 0xFF, (byte) 0xD8);
		assertThat(Files.list(videos.resolve(".thumbnails")).map((f) -> f.getFileName().toString()))
			.contains(id + ".jpg")
			.noneMatch((name) -> name.endsWith(".mp4") || name.endsWith(".part"));
		HttpResponse<byte[]> again = send("DELETE", "/api/clips/" + id, null);
		assertThat(again.statusCode()).as("deleting again changes nothing").isEqualTo(200);
		assertThat(json(again).path("location").asString()).isEqualTo("cloud");
		assertThat(send("DELETE", "/api/clips/999999", null).statusCode()).isEqualTo(404);
	}

	@Test
	void theWebhooksAnswerLinksAnAlarmTheApiFinds() throws Exception {
		String body = """
				{"companyId":"c1","createdOn":"%s","systemLabel":"alarm-high","shortContent":"Door open",
				 "extraInfo":{"Device ID":"d1","Device name":"Press 7","Oil temperature":"71 C"}}"""
			.formatted(java.time.LocalDateTime.now(java.time.ZoneOffset.UTC)
				.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
		HttpResponse<byte[]> answer = this.http
			.send(request("/webhook?token=" + SECRET).header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofByteArray());
		JsonNode links = json(answer).path("links");

		assertThat(answer.statusCode()).isEqualTo(202);
		assertThat(links.path("ui").asString()).isEqualTo("/alarms/" + json(answer).path("alarmId").asLong());
		JsonNode alarm = json(get(links.path("alarm").asString()));
		assertThat(alarm.path("variables").path("Oil temperature").asString()).isEqualTo("71 C");
		awaitRecorded(alarm.path("id").asLong());
	}

	@Test
	void anAlarmsStoredSignalsComeBackAsJsonAndCsv() throws Exception {
		Instant createdOn = Instant.parse("2026-11-26T11:59:58Z");
		AlarmContexts contexts = this.service.getBean(AlarmContexts.class);
		// The service fetches the demo machine's signals for it itself: this test's are
		// saved once it is done.
		await().atMost(Duration.ofSeconds(60))
			.until(() -> contexts.find(this.alarmId).map((c) -> !"pending".equals(c.state())).orElse(true));
		contexts.create(this.alarmId, createdOn, createdOn);
		contexts.anchored(this.alarmId, AlarmContext.OCCURRENCE, createdOn.minusMillis(4200), "matched occurrence");
		contexts.saved(this.alarmId, "partial", "tag Door closed: not logged", createdOn.minusSeconds(30),
				createdOn.plusSeconds(30),
				"""
						[{"source":"PLC","sourceId":"s1","tag":"Gripper pressure","slug":"gripper-pressure","unit":"bar",
						  "type":"float","logEvent":"interval","step":false,"points":[[1795694398000,0.42]]}]""",
				createdOn.plusSeconds(90), null);

		JsonNode data = json(get("/api/alarms/" + this.alarmId + "/data"));
		String csv = new String(get("/api/alarms/" + this.alarmId + "/data.csv").body(), StandardCharsets.UTF_8);
		HttpResponse<byte[]> unknown = get("/api/alarms/999999/data");

		assertThat(data.path("state").asString()).isEqualTo("partial");
		assertThat(data.path("reason").asString()).isEqualTo("tag Door closed: not logged");
		assertThat(data.path("anchor").path("at").asString()).isEqualTo("2026-11-26T11:59:53.800Z");
		assertThat(data.path("anchor").path("notifyDelaySeconds").asDouble()).isEqualTo(4.2);
		assertThat(data.path("window").path("from").asString()).isEqualTo("2026-11-26T11:59:28Z");
		assertThat(data.path("series").path(0).path("points").path(0).path(1).asDouble()).isEqualTo(0.42);
		assertThat(csv).isEqualTo(
				"\uFEFFtime,source,tag,unit,value\r\n" + "2026-11-26T11:59:58.000Z,PLC,Gripper pressure,bar,0.42\r\n");
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(unknown.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
	}

	@Test
	void theOpenApiDescriptionListsTheEndpointsAndSwaggerUiIsServed() throws Exception {
		JsonNode docs = json(get("/v3/api-docs"));
		HttpResponse<String> ui = HttpClient.newBuilder()
			.followRedirects(HttpClient.Redirect.NORMAL)
			.build()
			.send(request("/swagger-ui.html").build(), HttpResponse.BodyHandlers.ofString());

		assertThat(docs.path("info").path("title").asString()).isEqualTo("Video Store Service API");
		assertThat(docs.path("paths").propertyNames()).contains("/api/alarms", "/api/alarms/{id}", "/api/alarms.csv",
				"/api/alarms/{id}/data", "/api/alarms/{id}/data.csv", "/api/clips/{id}/video",
				"/api/clips/{id}/thumbnail", "/api/clips/{id}", "/api/clips/{id}/protected", "/api/cameras",
				"/api/cameras/{id}/recordings", "/api/stats/timeline", "/api/stats/heatmap", "/api/stats/texts",
				"/webhook");
		assertThat(docs.path("paths").path("/api/alarms").path("get").path("parameters").findValuesAsString("name"))
			.contains("from", "to", "device", "camera", "text", "label", "outcome", "page", "size", "sort");
		assertThat(docs.path("components")
			.path("schemas")
			.path("AlarmData")
			.path("properties")
			.path("series")
			.path("type")
			.asString()).isEqualTo("array");
		assertThat(docs.path("components").path("schemas").path("Signal").path("properties").propertyNames())
			.contains("tag", "unit", "type", "step", "points");
		assertThat(ui.statusCode()).isEqualTo(200);
		assertThat(ui.body()).contains("swagger-ui");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/clips/..%2F..%2F..%2Fetc%2Fpasswd/video", "/api/clips/%2e%2e/thumbnail",
			"/api/alarms/..%2f..%2fetc%2fpasswd", "/api/clips/0/video", "/api/clips/9999999999999999999999/video",
			"/api/clips/1%00/video" })
	void idsThatTryToReachFilesAreHarmless(String path) throws Exception {
		HttpResponse<byte[]> r = this.http.send(HttpRequest.newBuilder(URI.create(base() + path)).build(),
				HttpResponse.BodyHandlers.ofByteArray());

		assertThat(r.statusCode()).isIn(400, 404);
		assertThat(new String(r.body(), StandardCharsets.UTF_8)).doesNotContain("root:").doesNotContain("Exception");
	}

	private long recordNow(String text) throws Exception {
		HttpResponse<byte[]> r = send("POST", "/api/cameras/demo/recordings", "{\"text\": \"" + text + "\"}");
		assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(202);
		return json(r).path("alarmId").asLong();
	}

	private JsonNode awaitRecorded(long alarm) {
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> !json(get("/api/alarms/" + alarm)).path("outcome").asString().equals("pending"));
		JsonNode done = json(uncheckedGet("/api/alarms/" + alarm));
		assertThat(done.path("outcome").asString()).as(done.toString()).isEqualTo("done");
		return done;
	}

	private JsonNode clipOf(long alarm) throws Exception {
		return json(get("/api/alarms/" + alarm)).path("clips").get(0);
	}

	private HttpResponse<byte[]> uncheckedGet(String path) {
		try {
			return get(path);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private HttpResponse<byte[]> get(String path, String... headers) throws Exception {
		HttpRequest.Builder b = request(path);
		for (int i = 0; i < headers.length; i += 2) {
			b.header(headers[i], headers[i + 1]);
		}
		return this.http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	private HttpResponse<byte[]> send(String method, String path, String json) throws Exception {
		return this.http.send(request(path).header("Content-Type", "application/json")
			.method(method,
					(json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(30));
	}

	private String base() {
		return "http://127.0.0.1:" + this.service.getEnvironment().getProperty("local.server.port");
	}

	private static JsonNode json(HttpResponse<byte[]> r) {
		return JSON.readTree(r.body());
	}

}
