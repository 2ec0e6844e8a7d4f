package io.videostore.storage.retention;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.videostore.clips.AlarmOutcome;
import io.videostore.clips.ClipRecord;
import io.videostore.clips.JobState;
import io.videostore.clips.NewAlarm;
import io.videostore.clips.TestIndex;
import io.videostore.config.AppConfig;
import io.videostore.config.CameraConfig;
import io.videostore.config.IxonApiConfig;
import io.videostore.config.RetentionConfig;
import io.videostore.config.StorageConfig;
import io.videostore.config.VideoConfig;
import io.videostore.config.WebhooksConfig;
import io.videostore.testcam.MovableClock;
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
 * Retention on a real small disk (a tmpfs) with real files: what it deletes and what it
 * says is what the disk shows.
 */
@ExtendWith(OutputCaptureExtension.class)
class RetentionOnSmallDiskIntegrationTests {

	private static final long MB = 1024 * 1024;

	@TempDir
	Path folder;

	@TempDir
	Path indexFolder;

	private SmallDisk disk;

	private TestIndex db;

	private final MovableClock clock = MovableClock.frozen();

	@BeforeEach
	void mount() throws Exception {
		this.disk = SmallDisk.mount(this.folder, 64);
		this.db = TestIndex.open(this.indexFolder, this.clock);
	}

	@AfterEach
	void unmount() throws Exception {
		if (this.db != null) {
			this.db.close();
		}
		if (this.disk != null) {
			this.disk.close();
		}
	}

	@Test
	void aNewClipAboveTheFloorSurvivesAnOlderOneGoesAndTheDiskStaysLowWithOneWarning(CapturedOutput output)
			throws Exception {
		this.disk.fillLeaving(30 * MB);
		long old = clip("old.mp4", this.clock.instant().minus(Duration.ofDays(2)));
		long recorded = alarmClip("new.mp4", this.clock.instant());
		// Scaled down: a 16 MB floor and 40 MB min_free_bytes on a disk with 18 MB free.
		Retention retention = new Retention(new RetentionConfig(null, null, 40 * MB), false, this.db.alarms,
				this.db.clips, this.db.notifications, this.clock, DiskSpace::free, new SimpleMeterRegistry(), 16 * MB);

		List<Retention.Deleted> deleted = retention.sweep();
		retention.sweep();

		assertThat(deleted).extracting((d) -> d.clip().id()).containsExactly(old);
		assertThat(this.folder.resolve("old.mp4")).doesNotExist();
		assertThat(this.folder.resolve("new.mp4")).exists();
		assertThat(this.db.clips.clip(recorded).orElseThrow().location()).isEqualTo("local");
		assertThat(retention.status().warning()).startsWith("LOW: only 2")
			.endsWith("the 1 left are each the newest of their alarm within keep_newest 1d; they stay, and "
					+ "recordings go on until free space falls to 16 MB");
		assertThat(output.getOut().split("Retention: LOW", -1)).as("said once").hasSize(2);
	}

	@Test
	void aCameraWhoseDiskIsBelowTheFloorAtStartIsWarnedAbout(CapturedOutput output) throws Exception {
		VideoConfig video = VideoConfig.DEFAULTS.withOutput(this.folder);
		AppConfig config = new AppConfig(new IxonApiConfig("", "", "", "", "", IxonApiConfig.DEFAULT_BASE_URL),
				List.of(CameraConfig.demo(video)), video, WebhooksConfig.DEFAULTS, null,
				new StorageConfig(null, RetentionConfig.DEFAULTS), null, false);
		RetentionSweeper sweeper = new RetentionSweeper(config, this.db.alarms, this.db.clips, this.db.notifications,
				this.clock, new SimpleMeterRegistry(), false);

		sweeper.start();

		assertThat(output.getOut()).contains("WARN",
				"Only 64 MB free on " + this.folder + " (camera " + CameraConfig.demo(video).id()
						+ "), below the 128 MB recording floor: alarms are stored, but no "
						+ "recording starts there until space is freed");
	}

	private long clip(String name, Instant at) throws Exception {
		Path file = this.folder.resolve(name);
		Files.write(file, new byte[(int) (6 * MB)]);
		return this.db.clips.recordClip(new ClipRecord("cam", file.toString(), 10.0, 100, "h264", 640, 360,
				Files.size(file), at.minusSeconds(10), at, at));
	}

	private long alarmClip(String name, Instant at) throws Exception {
		long alarm = this.db.alarms.recordAlarm(new NewAlarm(at, null, "c", "d", "Press 7", "Alarm", "door open",
				"door open", "{}", "127.0.0.1", AlarmOutcome.accepted()));
		long job = this.db.jobs.createJob(alarm, "cam", JobState.RUNNING, at.minusSeconds(10), at, null);
		long clip = clip(name, at);
		this.db.jobs.jobFinished(job, JobState.DONE, null, clip, at);
		return clip;
	}

}
