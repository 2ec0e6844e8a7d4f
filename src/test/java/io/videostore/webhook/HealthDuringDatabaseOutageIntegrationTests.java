package io.videostore.webhook;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.videostore.config.AppConfig;
import io.videostore.config.CameraConfig;
import io.videostore.config.IxonApiConfig;
import io.videostore.config.RetentionConfig;
import io.videostore.config.StorageConfig;
import io.videostore.config.VideoConfig;
import io.videostore.testcam.LocalPostgres;
import io.videostore.testcam.LocalS3;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code /actuator/health} while PostgreSQL does not answer: every health component that
 * asks the database (db, cluster, queue, uploads, context) would wait for a connection in
 * turn; the whole answer still comes within seconds, DOWN, and each component says that
 * the database did not answer.
 */
class HealthDuringDatabaseOutageIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** What a component that could not ask the database says. */
	private static final String NO_ANSWER = "the database (did not answer within 2 s|could not be reached: .+).*";

	@TempDir
	Path videos;

	@TempDir
	Path bucket;

	@Test
	void healthAnswersWithinSecondsAndDownWithTheReasonWhileTheDatabaseIsAway() throws Exception {
		LocalPostgres.Database db = LocalPostgres.shared().newDatabase();
		VideoConfig video = VideoConfig.DEFAULTS.withOutput(this.videos);
		try (LocalS3 s3 = LocalS3.start(this.bucket)) {
			AppConfig config = new AppConfig(new IxonApiConfig("", "", "", "", "", IxonApiConfig.DEFAULT_BASE_URL),
					List.of(CameraConfig.demo(video)), video, WebhookRig.webhooks(10, 1), db.config(),
					new StorageConfig(s3.config("", true), RetentionConfig.DEFAULTS), null, null, null, false);
			try (WebhookRig rig = WebhookRig.start(config, Map.of("videostore.retention.enabled", "false"))) {
				assertThat(health(rig).path("status").asString()).isEqualTo("UP");

				JsonNode during;
				long tookMillis;
				try (LocalPostgres.Outage outage = LocalPostgres.shared().outage(db)) {
					long start = System.nanoTime();
					during = health(rig);
					tookMillis = (System.nanoTime() - start) / 1_000_000;
				}

				assertThat(tookMillis).as("health answered (it took 21-22 s: each component waited 5 s in turn)")
					.isLessThan(5_000);
				assertThat(during.path("status").asString()).isEqualTo("DOWN");
				JsonNode components = during.path("components");
				for (String name : List.of("db", "cluster", "queue", "uploads")) {
					assertThat(components.path(name).path("status").asString()).as(name).isEqualTo("DOWN");
				}
				assertThat(components.path("db").path("details").path("error").asString()).matches(NO_ANSWER);
				assertThat(components.path("cluster").path("details").path("database").asString()).matches(NO_ANSWER);
				assertThat(components.path("queue").path("details").path("queuedInCluster").asString())
					.matches(NO_ANSWER);
				assertThat(components.path("uploads").path("details").path("pending").asString()).matches(NO_ANSWER);
				assertThat(components.path("context").path("details").path("pending").asString()).as(during.toString())
					.matches(NO_ANSWER);

				await("health UP again once the database answers").atMost(Duration.ofSeconds(30))
					.pollInterval(Duration.ofMillis(500))
					.until(() -> "UP".equals(health(rig).path("status").asString()));
			}
		}
	}

	private static JsonNode health(WebhookRig rig) throws Exception {
		HttpResponse<String> response = rig.http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + rig.port + "/actuator/health"))
				.timeout(Duration.ofSeconds(60))
				.build(), HttpResponse.BodyHandlers.ofString());
		return JSON.readTree(response.body());
	}

}
