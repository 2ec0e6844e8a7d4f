package io.videostore.webhook;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.videostore.clips.JobState;
import io.videostore.clips.JobView;
import io.videostore.config.AppConfig;
import io.videostore.config.CameraAuth;
import io.videostore.config.CameraConfig;
import io.videostore.config.CameraSourceType;
import io.videostore.config.IxonApiConfig;
import io.videostore.config.MatchRules;
import io.videostore.config.VideoConfig;
import io.videostore.testcam.LocalPostgres;
import io.videostore.testcam.NoFfmpegLeftBehind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A cluster (one cloud instance on PostgreSQL) with an edge site whose recorder is down:
 * the site's alarms fill only the site's share of {@code webhooks.queue_size}, the answer
 * and the stored outcome say so, an alarm for a cloud camera is still accepted and
 * recorded, and health shows the site without a live recorder.
 */
@NoFfmpegLeftBehind
class DeadSiteIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@TempDir
	Path videos;

	@Test
	void aDeadSiteFillsOnlyItsOwnShareOfTheQueueAndCloudCamerasStillRecord() throws Exception {
		LocalPostgres.Database db = LocalPostgres.shared().newDatabase();
		VideoConfig video = VideoConfig.DEFAULTS.withOutput(this.videos).withDuration(Duration.ofSeconds(2));
		List<CameraConfig> cameras = List.of(camera("gate", "d-gate", video, ""),
				camera("press-1", "d-press-1", video, "plant-a"), camera("press-2", "d-press-2", video, "plant-a"));
		AppConfig config = new AppConfig(new IxonApiConfig("", "", "", "", "", IxonApiConfig.DEFAULT_BASE_URL), cameras,
				video, WebhookRig.webhooks(2, 1), db.config(), null, false);

		try (WebhookRig rig = WebhookRig.start(config, Map.of("videostore.retention.enabled", "false"))) {
			List<Integer> site = new ArrayList<>();
			site.add(rig.post(WebhookRig.alarm("d-press-1", "Press 1 a", WebhookRig.createdOn(0))).statusCode());
			site.add(rig.post(WebhookRig.alarm("d-press-2", "Press 2 a", WebhookRig.createdOn(0))).statusCode());
			HttpResponse<String> full = rig.post(WebhookRig.alarm("d-press-1", "Press 1 b", WebhookRig.createdOn(0)));
			HttpResponse<String> cloud = rig.post(WebhookRig.alarm("d-gate", "Gate", WebhookRig.createdOn(0)));

			assertThat(site).as("the site's share: 2 jobs").containsExactly(202, 202);
			assertThat(cloud.statusCode()).as("a cloud camera is not blocked by the dead site: %s", cloud.body())
				.isEqualTo(202);
			assertThat(full.statusCode()).isEqualTo(503);
			assertThat(full.headers().firstValue("Retry-After")).hasValue("30");
			JsonNode rejected = JSON.readTree(full.body());
			String why = "site 'plant-a' has no live recorder: its 2 queued jobs fill its share of "
					+ "webhooks.queue_size (2)";
			assertThat(rejected.path("outcome").asString()).isEqualTo("rejected: queue full: " + why);
			assertThat(rejected.path("full").get(0).path("camera").asString()).isEqualTo("press-1");
			assertThat(rejected.path("full").get(0).path("reason").asString()).isEqualTo(why);
			assertThat(rig.alarms().countAlarmsByOutcome()).containsEntry("rejected: queue full: " + why, 1L);

			long alarmId = JSON.readTree(cloud.body()).path("alarmId").asLong();
			List<JobView> jobs = rig.awaitJobsFinished(alarmId, Duration.ofSeconds(60));
			assertThat(jobs).singleElement().satisfies((job) -> {
				assertThat(job.cameraId()).isEqualTo("gate");
				assertThat(job.state()).isEqualTo(JobState.DONE);
			});

			JsonNode sites = JSON.readTree(get(rig, "/actuator/health/cluster")).path("details").path("sites");
			JsonNode plant = null;
			for (JsonNode s : sites) {
				if ("plant-a".equals(s.path("site").asString())) {
					plant = s;
				}
			}
			assertThat(plant).as("plant-a in %s", sites).isNotNull();
			assertThat(plant.path("live").asBoolean()).isFalse();
			assertThat(plant.path("instances")).isEmpty();
			assertThat(plant.path("queuedJobs").asLong()).isEqualTo(2);
			assertThat(plant.path("oldestQueuedSeconds").isNumber()).isTrue();
			assertThat(get(rig, "/actuator/prometheus")).contains("videostore_site_live{site=\"plant-a\"} 0.0")
				.contains("videostore_site_live{site=\"(cloud)\"} 1.0")
				.contains("videostore_site_queued_jobs{site=\"plant-a\"} 2.0");
		}
	}

	private static CameraConfig camera(String id, String device, VideoConfig video, String site) {
		return new CameraConfig(id, id, CameraSourceType.DEMO, null, CameraAuth.NONE, null, null, null, null,
				new MatchRules(false, List.of(device), List.of(), List.of(), List.of(), null), video, site);
	}

	private static String get(WebhookRig rig, String path) throws Exception {
		return rig.http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + rig.port + path)).build(),
					HttpResponse.BodyHandlers.ofString())
			.body();
	}

}
