package io.videostore.webhook;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.videostore.clips.JobState;
import io.videostore.clips.JobView;
import io.videostore.config.CameraAuth;
import io.videostore.config.CameraConfig;
import io.videostore.config.CameraSourceType;
import io.videostore.config.MatchRules;
import io.videostore.config.VideoConfig;
import io.videostore.testcam.NoFfmpegLeftBehind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pre-roll clips have their own lane: a backlog of on-demand captures on the only worker
 * does not hold a pre-roll alarm back (its footage would leave the buffer), and waiting
 * for its post_roll holds no capture.
 */
@NoFfmpegLeftBehind
class PreRollLaneIntegrationTests {

	@TempDir
	Path videos;

	@Test
	void preRollAlarmIsServedWhileTheOnlyWorkerIsBusyWithABacklogOfCaptures() throws Exception {
		VideoConfig onDemand = VideoConfig.DEFAULTS.withOutput(videos).withDuration(Duration.ofSeconds(4));
		VideoConfig preRoll = new VideoConfig(false, Duration.ofSeconds(4), 0, true, "auto", videos,
				Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(5));
		List<CameraConfig> cameras = new ArrayList<>();
		cameras.add(camera("pre", preRoll));
		for (int i = 1; i <= 3; i++) {
			cameras.add(camera("od" + i, onDemand));
		}
		try (WebhookRig rig = WebhookRig.start(cameras, onDemand, WebhookRig.webhooks(10, 1))) {
			// The clip's 2 s pre-roll and its 1 s edge are buffered.
			rig.awaitBuffering("pre", Duration.ofMillis(3500));
			List<Long> captures = new ArrayList<>();
			for (int i = 1; i <= 3; i++) {
				captures.add(WebhookRecordingIntegrationTests
					.alarmId(rig.post(WebhookRig.alarm("od" + i, "Capture " + i, WebhookRig.createdOn(0)))));
			}
			Instant posted = Instant.now();

			HttpResponse<String> r = rig.post(WebhookRig.alarm("pre", "Pre roll", WebhookRig.createdOn(0)));

			assertThat(r.statusCode()).isEqualTo(202);
			JobView clip = rig.awaitJobsFinished(WebhookRecordingIntegrationTests.alarmId(r), Duration.ofSeconds(10))
				.get(0);
			assertThat(clip.state()).as(clip.reason()).isEqualTo(JobState.DONE);
			assertThat(Duration.between(posted, clip.finishedAt()))
				.as("served after its 1 s post_roll, not after " + "3 × 4 s of captures")
				.isLessThan(Duration.ofSeconds(6));
			JobView lastCapture = rig.awaitJobsFinished(captures.get(2), Duration.ofSeconds(40)).get(0);
			assertThat(lastCapture.state()).isEqualTo(JobState.DONE);
			assertThat(lastCapture.finishedAt()).isAfter(clip.finishedAt());
		}
	}

	private static CameraConfig camera(String id, VideoConfig video) {
		return new CameraConfig(id, id, CameraSourceType.DEMO, null, CameraAuth.NONE, null, null, null, null,
				new MatchRules(false, List.of(id), List.of(), List.of(), List.of(), null), video);
	}

}
