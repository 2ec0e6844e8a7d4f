package io.videostore.webhook;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.videostore.clips.JobState;
import io.videostore.clips.JobView;
import io.videostore.config.CameraConfig;
import io.videostore.config.VideoConfig;
import io.videostore.storage.DiskSpace;
import io.videostore.testcam.NoFfmpegLeftBehind;
import io.videostore.testcam.SmallDisk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service on a real small disk (a tmpfs holding the clips and the index) that fills
 * up: alarms are never lost without a trace.
 */
@NoFfmpegLeftBehind
@ExtendWith(OutputCaptureExtension.class)
class FullDiskWebhookIntegrationTests {

	@TempDir
	Path folder;

	private SmallDisk disk;

	@BeforeEach
	void mount() throws Exception {
		this.disk = SmallDisk.mount(this.folder, 200);
	}

	@AfterEach
	void unmount() throws Exception {
		if (this.disk != null) {
			this.disk.close();
		}
	}

	@Test
	void anAlarmTheFullIndexCannotStoreIsAnswered503AndLoggedWithAllItTakesToRecoverIt(CapturedOutput output)
			throws Exception {
		VideoConfig video = VideoConfig.DEFAULTS.withOutput(this.folder).withDuration(Duration.ofSeconds(1));
		try (WebhookRig rig = WebhookRig.start(List.of(CameraConfig.demo(video)), video, WebhookRig.webhooks(10, 1))) {
			this.disk.fillLeaving(0);
			String createdOn = WebhookRig.createdOn(0);

			HttpResponse<String> r = rig.post(WebhookRig.alarm("dev-77", "Press 7 Köln", createdOn));

			assertThat(r.statusCode()).isEqualTo(503);
			assertThat(r.headers().firstValue("Retry-After")).contains("30");
			assertThat(r.body()).contains("the disk is full");
			assertThat(output.getOut()).containsPattern("ERROR .*Alarm NOT stored, the disk is full: company "
					+ "1111-2222-3333-4444-5555, device dev-77 'Press 7 Köln', createdOn " + createdOn
					+ " UTC, alarm-high 'Door open of Press 7 Köln was triggered'");
			assertThat(output.getOut()).doesNotContain("\tat org.sqlite");

			// Room again: IXON's retry is stored and recorded.
			this.disk.release();
			HttpResponse<String> retry = rig.post(WebhookRig.alarm("dev-77", "Press 7 Köln", createdOn));
			assertThat(retry.statusCode()).isEqualTo(202);
		}
	}

	@Test
	void belowTheFloorAlarmsAreStoredButNothingIsRecordedAndHealthSaysWhichFloor() throws Exception {
		VideoConfig video = VideoConfig.DEFAULTS.withOutput(this.folder).withDuration(Duration.ofSeconds(1));
		try (WebhookRig rig = WebhookRig.start(List.of(CameraConfig.demo(video)), video, WebhookRig.webhooks(10, 1))) {
			this.disk.fillLeaving(DiskSpace.RECORDING_FLOOR / 2);

			HttpResponse<String> r = rig.post(WebhookRig.alarm("dev1", "Press 1", WebhookRig.createdOn(0)));

			assertThat(r.statusCode()).isEqualTo(202);
			JobView job = rig.awaitJobsFinished(WebhookRecordingIntegrationTests.alarmId(r), Duration.ofSeconds(20))
				.get(0);
			assertThat(job.state()).isEqualTo(JobState.FAILED);
			assertThat(job.reason()).matches("disk full: 6\\d MB free on .*, no recording starts below 128 MB");
			String health = rig.http
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + rig.port + "/actuator/health")).build(),
						HttpResponse.BodyHandlers.ofString())
				.body();
			assertThat(health).contains("FULL: below the 128 MB floor, no recording starts");
		}
	}

}
