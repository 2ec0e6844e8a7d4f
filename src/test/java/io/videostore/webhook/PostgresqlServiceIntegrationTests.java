package io.videostore.webhook;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.videostore.clips.JobState;
import io.videostore.clips.JobView;
import io.videostore.config.AppConfig;
import io.videostore.config.CameraConfig;
import io.videostore.config.IxonApiConfig;
import io.videostore.config.VideoConfig;
import io.videostore.testcam.LocalPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole service with {@code database.url} on PostgreSQL: an alarm posted to the
 * webhook is stored there, recorded from the demo camera, and listed and counted by the
 * REST API; health names the database but not the password.
 */
class PostgresqlServiceIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@TempDir
	Path videos;

	@Test
	void anAlarmIsStoredInPostgresqlRecordedFromTheCameraAndListedByTheApi() throws Exception {
		LocalPostgres.Database db = LocalPostgres.shared().newDatabase();
		VideoConfig video = VideoConfig.DEFAULTS.withOutput(this.videos).withDuration(Duration.ofSeconds(2));
		AppConfig config = new AppConfig(new IxonApiConfig("", "", "", "", "", IxonApiConfig.DEFAULT_BASE_URL),
				List.of(CameraConfig.demo(video)), video, WebhookRig.webhooks(10, 1), db.config(), null, false);

		try (WebhookRig rig = WebhookRig.start(config, Map.of("videostore.retention.enabled", "false"))) {
			HttpResponse<String> posted = rig.post(WebhookRig.alarm("d-17", "Press 17", WebhookRig.createdOn(0)));
			assertThat(posted.statusCode()).isEqualTo(202);
			long alarmId = JSON.readTree(posted.body()).path("alarmId").asLong();

			List<JobView> jobs = rig.awaitJobsFinished(alarmId, Duration.ofSeconds(60));

			assertThat(jobs).singleElement().satisfies((job) -> {
				assertThat(job.state()).isEqualTo(JobState.DONE);
				assertThat(Path.of(rig.clips().clip(job.clipId()).orElseThrow().path())).isRegularFile();
			});
			JsonNode page = JSON.readTree(get(rig, "/api/alarms?outcome=recorded&device=Press%2017&size=10"));
			assertThat(page.path("totalItems").asLong()).isOne();
			JsonNode alarm = page.path("items").get(0);
			assertThat(alarm.path("id").asLong()).isEqualTo(alarmId);
			assertThat(alarm.path("outcome").asString()).isEqualTo("done");
			assertThat(alarm.path("clips").get(0).path("file").asString()).endsWith(".mp4");
			assertThat(JSON.readTree(get(rig, "/api/stats/heatmap?zone=Asia/Kolkata")).path("total").asLong()).isOne();
			String health = get(rig, "/actuator/health/db");
			assertThat(health)
				.contains("\"status\":\"UP\"", "\"database\":\"PostgreSQL\"", "\"url\":\"" + db.url() + "\"",
						"\"user\":\"videostore\"")
				.doesNotContain(db.password());
			assertThat(alarmsIn(db)).as("stored in PostgreSQL").isOne();
			assertThat(this.videos.resolve(".videostore.db")).as("not in SQLite").doesNotExist();
		}
	}

	private static String get(WebhookRig rig, String path) throws Exception {
		return rig.http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + rig.port + path)).build(),
					HttpResponse.BodyHandlers.ofString())
			.body();
	}

	private static long alarmsIn(LocalPostgres.Database db) throws Exception {
		try (Connection c = DriverManager.getConnection(db.url(), db.username(), db.password());
				ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM alarm")) {
			rs.next();
			return rs.getLong(1);
		}
	}

}
