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
import io.videostore.clips.AlarmIndex;
import io.videostore.clips.ClipRecord;
import io.videostore.clips.ClipView;
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

	private AlarmIndex index;

	@BeforeEach
	void open() throws IOException {
		this.db = TestIndex.open(database(), this.videos, this.clock);
		this.index = this.db.index;
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
		this.index.setProtected(this.clips.get(0), true);

		List<Retention.Deleted> deleted = retention(new RetentionConfig(Duration.ofDays(3), null, 0), false).sweep();

		assertThat(deleted).extracting((d) -> d.clip().id()).containsExactly(this.clips.get(1));
		assertThat(file(1)).doesNotExist();
		assertThat(file(0)).exists();
		ClipView gone = this.index.clip(this.clips.get(1)).orElseThrow();
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
		assertThat(this.index.clip(this.clips.get(0)).orElseThrow().deletedReason())
			.isEqualTo("the folder's clips took more than max_bytes 35 MB");
		assertThat(file(2)).exists();
	}

	@Test
	void withABucketAgeAndSizeTakeOnlyUploadedClipsAndAnUploadedClipStaysInTheCloud() {
		this.db.markUploaded(this.clips.get(3));

		List<Retention.Deleted> deleted = retention(new RetentionConfig(Duration.ofDays(1), 5 * MB, 0), true).sweep();

		assertThat(deleted).extracting((d) -> d.clip().id()).containsExactly(this.clips.get(3));
		assertThat(this.index.clip(this.clips.get(3)).orElseThrow().location()).isEqualTo("cloud");
		assertThat(file(0)).as("not uploaded yet: kept").exists();
	}

	@Test
	void underTheFloorUploadedClipsGoFirstThenTheOldestNotUploadedWithAWarning(CapturedOutput output) {
		this.db.markUploaded(this.clips.get(4));
		// Each deletion frees 10 MB; the floor is 25 MB above what is free now.
		this.free.set(100 * MB);
		Retention retention = new Retention(new RetentionConfig(null, null, 125 * MB), true, this.index, this.clock,
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
		assertThat(status.warning()).startsWith("only 10 MB free on ")
			.endsWith(", below min_free_bytes 100 MB, and no clip left that may be deleted");
		assertThat(status.lastSweep()).isEqualTo(this.clock.instant());
	}

	private Retention retention(RetentionConfig config, boolean uploads) {
		return new Retention(config, uploads, this.index, this.clock, (folder) -> this.free.get(), this.metrics);
	}

	private long deletedFiles() {
		return this.clips.stream()
			.filter((id) -> !Files.exists(Path.of(this.index.clip(id).orElseThrow().path())))
			.count();
	}

	private Path file(int i) {
		return this.videos.resolve("clip-" + i + ".mp4");
	}

	private long clip(String name, long size, Instant at) throws IOException {
		Path file = Files.write(this.videos.resolve(name), new byte[16]);
		return this.index.recordClip(
				new ClipRecord("cam", file.toString(), 10.0, 100, "h264", 640, 360, size, at.minusSeconds(10), at, at));
	}

}
