package io.videostore.webhook;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import io.videostore.clips.AlarmContext;
import io.videostore.clips.AlarmContexts;
import io.videostore.clips.ClipView;
import io.videostore.clips.JobView;
import io.videostore.config.AppConfig;
import io.videostore.config.CameraAuth.AuthType;
import io.videostore.config.CameraAuth;
import io.videostore.config.CameraConfig;
import io.videostore.config.CameraSourceType;
import io.videostore.config.ContextConfig;
import io.videostore.config.IxonApiConfig;
import io.videostore.config.MatchRules;
import io.videostore.config.VideoConfig;
import io.videostore.testcam.FakeIxon;
import io.videostore.testcam.NoFfmpegLeftBehind;
import io.videostore.testcam.TestCamera;
import io.videostore.testcam.TestCamera.Options;
import io.videostore.testcam.WebAccessProxy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An IXON camera's alarm with its context, against the fake IXON: the occurrence IXON
 * logged 2.6 s before Cloud Notify's createdOn becomes the anchor, the pre-roll clip is
 * cut around it, and the signals of the camera's tags are stored for the window.
 */
@NoFfmpegLeftBehind
class IxonAlarmContextIntegrationTests {

	private static final String CAMERA_PASSWORD = "Cam-Pa55word-xyz";

	@TempDir
	Path dir;

	@Test
	void theClipIsCutAroundTheOccurrenceIxonLoggedAndTheSignalsOfItsWindowAreStored() throws Exception {
		try (TestCamera cam = TestCamera.start(Options.digest("viewer", CAMERA_PASSWORD).withFps(10));
				WebAccessProxy proxy = WebAccessProxy.start(cam);
				FakeIxon ixon = FakeIxon.start(proxy)) {
			Instant start = Instant.now().minusSeconds(600);
			ixon.agent("agentPress01")
				.source("plc000000001", "Line PLC", "plc")
				.variable("plc000000001", "var000000101", 101, "Gripper pressure", "bar", "float")
				.tag("plc000000001", 1, "gripper-pressure", "interval", "var000000101")
				.points("gripper-pressure", start, Duration.ofMillis(500), 10_000,
						(t) -> 1.0 - (t.getEpochSecond() % 60) / 100.0);
			IxonApiConfig api = new IxonApiConfig(FakeIxon.APPLICATION, FakeIxon.EMAIL, FakeIxon.PASSWORD, "", "",
					ixon.baseUrl());
			VideoConfig video = new VideoConfig(false, Duration.ofSeconds(4), 0, true, "auto", this.dir,
					Duration.ofSeconds(4), Duration.ofSeconds(2), Duration.ofSeconds(5));
			CameraConfig camera = new CameraConfig("press", "Press", CameraSourceType.IXON, null,
					new CameraAuth(AuthType.DIGEST, "viewer", CAMERA_PASSWORD), FakeIxon.COMPANY, FakeIxon.SERVICE,
					"http", TestCamera.DEFAULT_PATH, MatchRules.ALL, video, "", List.of("gripper-pressure"));
			AppConfig config = new AppConfig(api, List.of(camera), video, WebhookRig.webhooks(10, 1), null, false)
				.withContext(new ContextConfig(true, Duration.ZERO, Duration.ofSeconds(2), 12));
			try (WebhookRig rig = WebhookRig.start(config, Map.of("videostore.retention.enabled", "false"))) {
				// The buffer holds its pre-roll before the alarm.
				await().atMost(Duration.ofSeconds(20)).until(() -> cam.connections() > 0);
				await().pollDelay(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(11)).until(() -> true);
				String createdOn = WebhookRig.createdOn(0);
				Instant created = LocalDateTime.parse(createdOn).toInstant(ZoneOffset.UTC);
				Instant occurred = created.minusMillis(2600);
				ixon.agent("agentPress01").occurrence("Door open", occurred);

				HttpResponse<String> r = rig.post(WebhookRig.alarm("agentPress01", "Press 1", createdOn));
				assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
				long alarm = rig.alarms().countAlarms();
				AlarmContexts contexts = rig.context.getBean(AlarmContexts.class);

				await().atMost(Duration.ofSeconds(40))
					.until(() -> contexts.find(alarm).map((c) -> c.state().equals("done")).orElse(false));
				AlarmContext c = contexts.find(alarm).orElseThrow();
				assertThat(c.anchorSource()).isEqualTo(AlarmContext.OCCURRENCE);
				assertThat(c.anchor()).isEqualTo(occurred);
				assertThat(c.anchorNote()).contains("Cloud Notify's createdOn was 2.6 s later");
				assertThat(c.series()).contains("\"slug\":\"gripper-pressure\"", "\"unit\":\"bar\"");

				await().atMost(Duration.ofSeconds(30))
					.until(() -> rig.jobs().jobsForAlarm(alarm).stream().allMatch((j) -> j.clipId() != null));
				JobView job = rig.jobs().jobsForAlarm(alarm).get(0);
				ClipView clip = rig.clips().clip(job.clipId()).orElseThrow();
				// Cut around occurredOn - 4 s (with the cut's 1 s edge and a segment's
				// slack), which createdOn - 4 s (2.6 s later) could not explain.
				assertThat(clip.windowStart()).isBefore(created.minusSeconds(7))
					.isAfter(occurred.minusSeconds(4).minusMillis(2500));
			}
		}
	}

}
