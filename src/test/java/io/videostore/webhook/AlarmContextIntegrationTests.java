package io.videostore.webhook;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

import io.videostore.clips.AlarmContext;
import io.videostore.clips.AlarmContexts;
import io.videostore.clips.JobView;
import io.videostore.config.CameraConfig;
import io.videostore.config.VideoConfig;
import io.videostore.testcam.NoFfmpegLeftBehind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An alarm's context in the running service. With the demo camera and no IXON account the
 * alarm's clip gets the demo machine's signals for its window, in step with the clock the
 * camera burns in.
 */
@NoFfmpegLeftBehind
class AlarmContextIntegrationTests {

	@TempDir
	Path folder;

	@Test
	void aDemoAlarmGetsItsClipAndTheDemoMachinesSignalsForTheClipsWindow() throws Exception {
		VideoConfig video = new VideoConfig(false, Duration.ofSeconds(4), 0, true, "auto", this.folder,
				Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofSeconds(10));
		try (WebhookRig rig = WebhookRig.start(List.of(CameraConfig.demo(video)), video, WebhookRig.webhooks(10, 1))) {
			// The buffer holds its pre-roll first.
			await().pollDelay(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(5)).until(() -> true);
			String createdOn = WebhookRig.createdOn(0);
			HttpResponse<String> r = rig.post(WebhookRig.alarm("d1", "Press 7", createdOn));
			assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
			long alarm = rig.alarms().countAlarms();
			AlarmContexts contexts = rig.context.getBean(AlarmContexts.class);

			await().atMost(Duration.ofSeconds(30))
				.until(() -> contexts.find(alarm).map((c) -> c.state().equals("done")).orElse(false));

			AlarmContext c = contexts.find(alarm).orElseThrow();
			Instant created = LocalDateTime.parse(createdOn).toInstant(ZoneOffset.UTC);
			assertThat(c.anchor()).isEqualTo(created);
			assertThat(c.anchorNote()).contains("demo");
			// [createdOn - 3 s, createdOn + 2 s] and 5 s of margin on either side.
			assertThat(c.windowStart()).isEqualTo(created.minusSeconds(8));
			assertThat(c.windowEnd()).isEqualTo(created.plusSeconds(7));
			assertThat(c.series()).contains("\"slug\":\"demo-clock-seconds\"", "\"slug\":\"demo-spindle-load\"",
					"\"slug\":\"demo-door-open\"");
			await().atMost(Duration.ofSeconds(30))
				.until(() -> rig.jobs().jobsForAlarm(alarm).stream().allMatch((j) -> j.clipId() != null));
			JobView job = rig.jobs().jobsForAlarm(alarm).get(0);
			assertThat(job.clipId()).isNotNull();

			// The operator sees where the signals come from and how the last fetch went.
			String health = rig.http
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + rig.port + "/actuator/health/context"))
					.build(), HttpResponse.BodyHandlers.ofString())
				.body();
			assertThat(health).contains("\"status\":\"UP\"", "demo cameras only", "\"pending\":0",
					"\"alarmId\":" + alarm, "\"outcome\":\"done\"");
			assertThat(rig.http
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + rig.port + "/actuator/prometheus"))
					.build(), HttpResponse.BodyHandlers.ofString())
				.body()).contains("videostore_alarm_context_total{outcome=\"done\"} 1.0",
						"videostore_alarm_anchors_total{anchor=\"createdOn\"} 1.0");
		}
	}

}
