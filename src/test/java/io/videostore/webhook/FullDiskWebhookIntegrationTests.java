package io.videostore.webhook;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.videostore.clips.ClipRecord;
import io.videostore.clips.ClipView;
import io.videostore.clips.JobState;
import io.videostore.clips.JobView;
import io.videostore.config.AppConfig;
import io.videostore.config.CameraConfig;
import io.videostore.config.DatabaseConfig;
import io.videostore.config.IxonApiConfig;
import io.videostore.config.RetentionConfig;
import io.videostore.config.StorageConfig;
import io.videostore.config.VideoConfig;
import io.videostore.storage.Uploader;
import io.videostore.storage.retention.DiskSpace;
import io.videostore.testcam.LocalS3;
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
import static org.awaitility.Awaitility.await;

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
		this.disk = SmallDisk.mount(this.folder, 300);
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
		// The index on the full disk: SQLite's file, also when the suite runs on
		// PostgreSQL (whose server's disk is not this one).
		AppConfig config = new AppConfig(new IxonApiConfig("", "", "", "", "", IxonApiConfig.DEFAULT_BASE_URL),
				List.of(CameraConfig.demo(video)), video, WebhookRig.webhooks(10, 1),
				new DatabaseConfig("jdbc:sqlite:" + this.folder.resolve(".videostore.db")), null, false);
		try (WebhookRig rig = WebhookRig.start(config, java.util.Map.of("videostore.retention.enabled", "false"))) {
			this.disk.fillLeaving(0);
			// On a whole minute: the log line must still show the seconds IXON sent
			// (":00").
			String createdOn = java.time.LocalDateTime.now(java.time.ZoneOffset.UTC)
				.truncatedTo(java.time.temporal.ChronoUnit.MINUTES)
				.format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss"));

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

	@Test
	void aDiskBelowTheFloorWhenAnAlarmArrivesIsClearedByRetentionUploadedClipsFirstAndTheAlarmIsRecorded(
			@TempDir Path bucket) throws Exception {
		VideoConfig video = VideoConfig.DEFAULTS.withOutput(this.folder).withDuration(Duration.ofSeconds(1));
		long mb = 1024 * 1024;
		StorageConfig storage;
		try (LocalS3 s3 = LocalS3.start(bucket)) {
			storage = new StorageConfig(s3.config("", true), new RetentionConfig(null, null, 150 * mb));
			try (WebhookRig rig = WebhookRig.startWithRetention(List.of(CameraConfig.demo(video)), video,
					WebhookRig.webhooks(10, 1), storage)) {
				Instant now = Instant.now();
				// An older clip recorded before the bucket was configured, and one in the
				// bucket.
				long notUploaded = seedClip(rig, "old-not-uploaded.mp4", 40 * mb, now.minusSeconds(7200));
				long uploaded = seedClip(rig, "uploaded.mp4", 100 * mb, now.minusSeconds(3600));
				Path uploadedFile = Path.of(rig.clips().clip(uploaded).orElseThrow().path());
				rig.context.getBean(Uploader.class).clipStored(uploaded, "demo", uploadedFile, now);
				await().atMost(Duration.ofSeconds(30))
					.until(() -> "both".equals(rig.clips().clip(uploaded).orElseThrow().location()));
				this.disk.fillLeaving(DiskSpace.RECORDING_FLOOR / 2);

				HttpResponse<String> r = rig.post(WebhookRig.alarm("dev1", "Press 1", WebhookRig.createdOn(0)));

				JobView job = rig.awaitJobsFinished(WebhookRecordingIntegrationTests.alarmId(r), Duration.ofSeconds(30))
					.get(0);
				assertThat(job.state()).as(job.reason()).isEqualTo(JobState.DONE);
				ClipView cleared = rig.clips().clip(uploaded).orElseThrow();
				assertThat(cleared.location()).isEqualTo("cloud");
				assertThat(cleared.deletedReason())
					.matches("only \\d+ MB free on the disk, below min_free_bytes 150 MB");
				assertThat(uploadedFile).doesNotExist();
				assertThat(rig.clips().clip(notUploaded).orElseThrow().location()).isEqualTo("local");
				assertThat(s3.objects()).anyMatch((o) -> o.key().endsWith("/uploaded.mp4") && o.size() == 100 * mb);
			}
		}
	}

	private long seedClip(WebhookRig rig, String name, long bytes, Instant createdAt) throws IOException {
		Path file = this.folder.resolve(name);
		byte[] chunk = new byte[1024 * 1024];
		new java.util.Random(bytes).nextBytes(chunk);
		try (OutputStream out = Files.newOutputStream(file)) {
			for (long left = bytes; left > 0; left -= chunk.length) {
				out.write(chunk, 0, (int) Math.min(chunk.length, left));
			}
		}
		return rig.clips()
			.recordClip(new ClipRecord("demo", file.toString(), 10, 100, "h264", 640, 360, bytes,
					createdAt.minusSeconds(10), createdAt, createdAt));
	}

}
