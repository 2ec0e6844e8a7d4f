package io.videostore.webhook;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.videostore.clips.JobState;
import io.videostore.config.CameraAuth;
import io.videostore.config.CameraConfig;
import io.videostore.config.CameraSourceType;
import io.videostore.config.MatchRules;
import io.videostore.config.VideoConfig;
import io.videostore.testcam.NoFfmpegLeftBehind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A burst that overflows the queue: exact 202/503 counts, every alarm stored with its
 * outcome, and no request waits for a recording.
 */
@NoFfmpegLeftBehind
class WebhookQueueIntegrationTests {

	@TempDir
	Path videos;

	@Test
	void fullQueueAnswers503WithRetryAfterAndStillStoresTheAlarm() throws Exception {
		VideoConfig video = VideoConfig.DEFAULTS.withOutput(videos).withDuration(Duration.ofSeconds(4));
		List<CameraConfig> cameras = new ArrayList<>();
		for (int i = 1; i <= 6; i++) {
			cameras.add(new CameraConfig("cam" + i, "Camera " + i, CameraSourceType.DEMO, null, CameraAuth.NONE, null,
					null, null, null, new MatchRules(false, List.of("dev" + i), List.of(), List.of(), List.of(), null),
					video));
		}
		try (WebhookRig rig = WebhookRig.start(cameras, video, WebhookRig.webhooks(2, 1))) {
			HttpResponse<String> first = rig.post(WebhookRig.alarm("dev1", "M1", WebhookRig.createdOn(0)));
			await().atMost(Duration.ofSeconds(10)).until(() -> rig.jobs().countJobs(JobState.RUNNING) == 1);
			List<Integer> statuses = new ArrayList<>();
			List<String> retryAfter = new ArrayList<>();
			long start = System.nanoTime();
			for (int i = 2; i <= 6; i++) {
				HttpResponse<String> r = rig.post(WebhookRig.alarm("dev" + i, "M" + i, WebhookRig.createdOn(0)));
				statuses.add(r.statusCode());
				r.headers().firstValue("Retry-After").ifPresent(retryAfter::add);
			}
			Duration burst = Duration.ofNanos(System.nanoTime() - start);

			assertThat(first.statusCode()).isEqualTo(202);
			assertThat(statuses).containsExactly(202, 202, 503, 503, 503);
			assertThat(retryAfter).containsExactly("30", "30", "30");
			assertThat(burst).isLessThan(Duration.ofSeconds(3));
			assertThat(rig.alarms().countAlarms()).isEqualTo(6);
			assertThat(rig.alarms().countAlarmsByOutcome()).containsEntry("accepted", 3L)
				.containsEntry("rejected: queue full", 3L);
		}
	}

}
