package io.videostore.webhook;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
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
import io.videostore.testcam.NoFfmpegLeftBehind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The service on PostgreSQL while the database goes away for a few seconds (a restart, a
 * failover, a network cut): a recording that ends meanwhile still ends its alarm as done
 * with its clip once the database is back; an alarm sent meanwhile is refused quickly
 * with 503 (so Cloud Notify sends it again), never hangs, and is recorded when sent
 * again.
 */
@NoFfmpegLeftBehind
@ExtendWith(OutputCaptureExtension.class)
class DatabaseOutageIntegrationTests {

	@TempDir
	Path videos;

	@Test
	void aClipThatEndsWhileTheDatabaseIsAwayEndsItsAlarmAsDoneWhenItIsBack(CapturedOutput output) throws Exception {
		LocalPostgres.Database db = LocalPostgres.shared().newDatabase();
		VideoConfig video = VideoConfig.DEFAULTS.withOutput(this.videos).withDuration(Duration.ofSeconds(3));
		AppConfig config = new AppConfig(new IxonApiConfig("", "", "", "", "", IxonApiConfig.DEFAULT_BASE_URL),
				List.of(CameraConfig.demo(video)), video, WebhookRig.webhooks(10, 1), db.config(), null, false);

		try (WebhookRig rig = WebhookRig.start(config, Map.of("videostore.retention.enabled", "false"))) {
			long alarm = WebhookRecordingIntegrationTests
				.alarmId(rig.post(WebhookRig.alarm("d-1", "Press 1", WebhookRig.createdOn(0))));
			await().atMost(Duration.ofSeconds(20))
				.until(() -> rig.jobs().jobsForAlarm(alarm).get(0).state() == JobState.RUNNING);

			HttpResponse<String> meanwhile;
			long refusedInMillis;
			try (LocalPostgres.Outage outage = LocalPostgres.shared().outage(db)) {
				long start = System.nanoTime();
				meanwhile = rig.post(WebhookRig.alarm("d-2", "Press 2", WebhookRig.createdOn(0)));
				refusedInMillis = (System.nanoTime() - start) / 1_000_000;
				// The 3 s capture ends while the database is still away.
				await().atMost(Duration.ofSeconds(20))
					.until(() -> output.getOut().contains("kept and written as soon as it does"));
			}

			assertThat(meanwhile.statusCode()).as(meanwhile.body()).isEqualTo(503);
			assertThat(meanwhile.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
			assertThat(meanwhile.body()).contains("the index database does not answer", "send it again later")
				.doesNotContain(db.password());
			assertThat(refusedInMillis).as("refused within seconds, not after a 30 s hang").isLessThan(15_000);

			await().atMost(Duration.ofSeconds(30))
				.until(() -> rig.jobs().jobsForAlarm(alarm).get(0).state() == JobState.DONE);
			JobView job = rig.jobs().jobsForAlarm(alarm).get(0);
			WebhookRecordingIntegrationTests
				.assertVerifiedH264(Path.of(rig.clips().clip(job.clipId()).orElseThrow().path()), 3.0);
			assertThat(output.getOut()).contains("is written now that the index answers again");
			assertThat(db.single("SELECT COUNT(*) FROM clip")).as("the clip stored once").isOne();

			// Cloud Notify sends the refused alarm again: it is recorded.
			HttpResponse<String> again = rig.post(WebhookRig.alarm("d-2", "Press 2", WebhookRig.createdOn(0)));
			assertThat(again.statusCode()).as(again.body()).isEqualTo(202);
			assertThat(rig.awaitJobsFinished(WebhookRecordingIntegrationTests.alarmId(again), Duration.ofSeconds(30)))
				.singleElement()
				.satisfies((j) -> assertThat(j.state()).isEqualTo(JobState.DONE));
			String health = rig.http
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + rig.port + "/actuator/health/queue"))
					.build(), HttpResponse.BodyHandlers.ofString())
				.body();
			assertThat(health).contains("\"status\":\"UP\"").doesNotContain("unwrittenOutcomes");
		}
	}

}
