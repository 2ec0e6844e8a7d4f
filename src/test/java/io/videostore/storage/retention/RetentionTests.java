package io.videostore.storage.retention;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.videostore.clips.AlarmOutcome;
import io.videostore.clips.ClipRecord;
import io.videostore.clips.ClipView;
import io.videostore.clips.JobState;
import io.videostore.clips.NewAlarm;
import io.videostore.clips.TestDatabase;
import io.videostore.clips.TestIndex;
import io.videostore.config.RetentionConfig;
import io.videostore.testcam.MovableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retention on a real index (SQLite; PostgreSQL in a subclass) with real files, a movable
 * clock and a free-space reading the test sets.
 */
@ExtendWith(OutputCaptureExtension.class)
class RetentionTests {

	private static final long MB = 1024 * 1024;

	/** The database these tests run on; a subclass runs them on another. */
	TestDatabase database() {
		return TestDatabase.SQLITE;
	}

	@TempDir
	Path videos;

	private final MovableClock clock = MovableClock.frozen();

	private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();

	private final AtomicLong free = new AtomicLong(10_000 * MB);

	private final List<Long> clips = new ArrayList<>();

	private TestIndex db;

	@BeforeEach
	void open() throws IOException {
		this.db = TestIndex.open(database(), this.videos, this.clock);
		// Five clips of 10 MB, a day apart, the oldest first.
		for (int i = 0; i < 5; i++) {
			this.clips.add(clip("clip-" + i + ".mp4", 10 * MB, this.clock.instant()));
			this.clock.advance(Duration.ofDays(1));
		}
	}

	@AfterEach
	void close() {
		// Null when no PostgreSQL could start and the test was skipped.
		if (this.db != null) {
			this.db.close();
		}
	}

	@Test
	void withoutABucketClipsOlderThanMaxAgeGoAndProtectedOnesStay() {
		this.db.clips.setProtected(this.clips.get(0), true);

		List<Retention.Deleted> deleted = retention(new RetentionConfig(Duration.ofDays(3), null, 0), false).sweep();

		assertThat(deleted).extracting((d) -> d.clip().id()).containsExactly(this.clips.get(1));
		assertThat(file(1)).doesNotExist();
		assertThat(file(0)).exists();
		ClipView gone = this.db.clips.clip(this.clips.get(1)).orElseThrow();
		assertThat(gone.location()).isEqualTo("deleted");
		assertThat(gone.deletedReason()).isEqualTo("older than max_age 3d");
		assertThat(
				this.metrics.counter("videostore.retention.deleted", "reason", "max_age", "uploaded", "false").count())
			.isOne();
	}

	@Test
	void overMaxBytesTheOldestGoUntilTheFolderFits() {
		List<Retention.Deleted> deleted = retention(new RetentionConfig(null, 35 * MB, 0), false).sweep();

		assertThat(deleted).extracting((d) -> d.clip().id()).containsExactly(this.clips.get(0), this.clips.get(1));
		assertThat(this.db.clips.clip(this.clips.get(0)).orElseThrow().deletedReason())
			.isEqualTo("the folder's clips took more than max_bytes 35 MB");
		assertThat(file(2)).exists();
	}

	@Test
	void withABucketAgeAndSizeTakeOnlyUploadedClipsAndAnUploadedClipStaysInTheCloud() {
		this.db.markUploaded(this.clips.get(3));

		List<Retention.Deleted> deleted = retention(new RetentionConfig(Duration.ofDays(1), 5 * MB, 0), true).sweep();

		assertThat(deleted).extracting((d) -> d.clip().id()).containsExactly(this.clips.get(3));
		assertThat(this.db.clips.clip(this.clips.get(3)).orElseThrow().location()).isEqualTo("cloud");
		assertThat(file(0)).as("not uploaded yet: kept").exists();
	}

	@Test
	void underTheFloorUploadedClipsGoFirstThenTheOldestNotUploadedWithAWarning(CapturedOutput output) {
		this.db.markUploaded(this.clips.get(4));
		// Each deletion frees 10 MB; the floor is 25 MB above what is free now.
		this.free.set(100 * MB);
		Retention retention = new Retention(new RetentionConfig(null, null, 125 * MB), true, this.db.alarms,
				this.db.clips, this.db.notifications, this.clock,
				(folder) -> this.free.get() + 10 * MB * deletedFiles(), this.metrics);

		List<Retention.Deleted> deleted = retention.sweep();

		assertThat(deleted).extracting((d) -> d.clip().id())
			.containsExactly(this.clips.get(4), this.clips.get(0), this.clips.get(1));
		assertThat(deleted.get(1).reason()).isEqualTo("only 110 MB free on the disk, below min_free_bytes 125 MB");
		assertThat(output.getOut()).contains("WARN", "Deleting clip " + this.clips.get(0) + " (clip-0.mp4) before "
				+ "it was uploaded: only 110 MB free on the disk, below min_free_bytes 125 MB");
		assertThat(output.getOut()).doesNotContain("Deleting clip " + this.clips.get(4));
	}

	@Test
	void aFileAlreadyGoneIsRecordedAsSuch() throws IOException {
		Files.delete(file(0));

		List<Retention.Deleted> deleted = retention(new RetentionConfig(Duration.ofDays(4), null, 0), false).sweep();

		assertThat(deleted).singleElement()
			.extracting(Retention.Deleted::reason)
			.isEqualTo("older than max_age 4d (the file was already gone)");
	}

	@Test
	void healthShowsWhatWasDeletedByWhichLimitAndWarnsWhenNothingIsLeftToDelete() {
		Retention retention = retention(new RetentionConfig(Duration.ofDays(3), null, 100 * MB), false);
		this.free.set(10 * MB);

		retention.sweep();

		Retention.Status status = retention.status();
		assertThat(status.deletedByLimit()).containsEntry("max_age", 2L).containsEntry("min_free_bytes", 3L);
		assertThat(status.lastDeleted().clip().id()).isEqualTo(this.clips.get(4));
		assertThat(status.lastDeleted().reason()).isEqualTo("only 10 MB free on the disk, below min_free_bytes 100 MB");
		assertThat(status.warning()).startsWith("FULL: only 10 MB free on ")
			.endsWith(", below min_free_bytes 100 MB, and no clip left that may be deleted; no recording starts "
					+ "below 128 MB");
		assertThat(status.lastSweep()).isEqualTo(this.clock.instant());
	}

	@Test
	void betweenTheFloorAndMinFreeTheNewClipOfAnAlarmStaysOlderOnesGoAndTheWarningIsSaidOnce(CapturedOutput output) {
		// The five clips of the last days, then two of one alarm within keep_newest.
		long earlier = alarmClip("door open", "earlier.mp4", this.clock.instant().minus(Duration.ofHours(2)));
		long newest = alarmClip("door open", "newest.mp4", this.clock.instant());
		// Above the 128 MB floor, below min_free_bytes whatever goes.
		Retention retention = new Retention(RetentionConfig.DEFAULTS, false, this.db.alarms, this.db.clips,
				this.db.notifications, this.clock, (folder) -> 150 * MB + 10 * MB * deletedFiles(), this.metrics);

		List<Retention.Deleted> deleted = retention.sweep();
		retention.sweep();

		assertThat(deleted).extracting((d) -> d.clip().id())
			.containsExactly(this.clips.get(0), this.clips.get(1), this.clips.get(2), this.clips.get(3),
					this.clips.get(4), earlier);
		assertThat(this.videos.resolve("newest.mp4")).exists();
		assertThat(this.db.clips.clip(newest).orElseThrow().location()).isEqualTo("local");
		String warning = "LOW: only 210 MB free on " + this.videos + ", below min_free_bytes 256 MB, and no clip "
				+ "left that may be deleted: the 1 left are each the newest of their alarm within keep_newest 1d; "
				+ "they stay, and recordings go on until free space falls to 128 MB";
		assertThat(retention.status().warning()).isEqualTo(warning);
		assertThat(output.getOut().split("Retention: LOW", -1)).as("said once").hasSize(2);
		assertThat(output.getOut()).contains("WARN", warning);
	}

	@Test
	void underTheFloorTheNewestClipOfAnAlarmGoesOnlyWhenARecordingNeedsRoomAndOnlyUntilTheFloor(CapturedOutput output) {
		long older = alarmClip("door open", "door.mp4", this.clock.instant().minus(Duration.ofHours(3)));
		long newer = alarmClip("oil pressure", "oil.mp4", this.clock.instant());
		// Under the floor once the five older clips are gone; back at it after one more.
		Retention retention = new Retention(RetentionConfig.DEFAULTS, false, this.db.alarms, this.db.clips,
				this.db.notifications, this.clock, (folder) -> 70 * MB + 10 * MB * deletedFiles(), this.metrics);

		assertThat(retention.sweep()).hasSize(5);
		assertThat(this.videos.resolve("door.mp4")).as("no alarm needs the room yet").exists();
		assertThat(retention.status().warning()).startsWith("FULL: only 120 MB free on ")
			.endsWith("the 2 left are each the newest of their alarm within keep_newest 1d; under the recording "
					+ "floor 128 MB they go, oldest first, only when an alarm needs room to be recorded");

		List<Retention.Deleted> deleted = retention.makeRoom(this.videos);

		assertThat(deleted).extracting((d) -> d.clip().id()).containsExactly(older);
		assertThat(deleted.get(0).reason()).isEqualTo(
				"only 120 MB free on the disk, below the recording floor 128 MB, and an alarm needed room to be recorded");
		assertThat(output.getOut()).contains("WARN", "Deleting clip " + older + " (door.mp4), the newest of its "
				+ "alarm within keep_newest 1d: only 120 MB free on the disk");
		assertThat(this.db.clips.clip(newer).orElseThrow().location()).isEqualTo("local");
	}

	@Test
	void sizesUnderAMegabyteAreNotWrittenAsZero() {
		List<Retention.Deleted> deleted = retention(new RetentionConfig(null, 40 * MB + 512 * 1024, 0), false).sweep();

		assertThat(deleted).singleElement()
			.extracting(Retention.Deleted::reason)
			.isEqualTo("the folder's clips took more than max_bytes 40 MB");
		assertThat(retention(new RetentionConfig(null, 512 * 1024L, 0), false).sweep()).first()
			.extracting(Retention.Deleted::reason)
			.isEqualTo("the folder's clips took more than max_bytes 512 KB");
		assertThat(DiskSpace.size(0)).isEqualTo("0 bytes");
		assertThat(DiskSpace.size(300)).isEqualTo("300 bytes");
		assertThat(DiskSpace.size(1536)).isEqualTo("1.5 KB");
		assertThat(DiskSpace.size(MB / 2)).isEqualTo("512 KB");
		assertThat(DiskSpace.size(MB + MB / 2)).isEqualTo("1.5 MB");
		assertThat(DiskSpace.size(90 * MB + MB / 2)).isEqualTo("90 MB");
	}

	private Retention retention(RetentionConfig config, boolean uploads) {
		return new Retention(config, uploads, this.db.alarms, this.db.clips, this.db.notifications, this.clock,
				(folder) -> this.free.get(), this.metrics);
	}

	private long deletedFiles() {
		return this.clips.stream()
			.filter((id) -> !Files.exists(Path.of(this.db.clips.clip(id).orElseThrow().path())))
			.count();
	}

	private Path file(int i) {
		return this.videos.resolve("clip-" + i + ".mp4");
	}

	/**
	 * A clip of 10 MB recorded for an alarm with this dedupe key, received at {@code at}.
	 */
	private long alarmClip(String alarmKey, String name, Instant at) {
		try {
			long alarm = this.db.alarms.recordAlarm(new NewAlarm(at, null, "c", "d", "Press 7", "Alarm", alarmKey,
					alarmKey, "{}", "127.0.0.1", AlarmOutcome.accepted()));
			long job = this.db.jobs.createJob(alarm, "cam", JobState.RUNNING, at.minusSeconds(10), at, null);
			long clip = clip(name, 10 * MB, at);
			this.db.jobs.jobFinished(job, JobState.DONE, null, clip, at);
			this.clips.add(clip);
			return clip;
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	private long clip(String name, long size, Instant at) throws IOException {
		Path file = Files.write(this.videos.resolve(name), new byte[16]);
		return this.db.clips.recordClip(
				new ClipRecord("cam", file.toString(), 10.0, 100, "h264", 640, 360, size, at.minusSeconds(10), at, at));
	}

}
