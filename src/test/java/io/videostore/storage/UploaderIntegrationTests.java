package io.videostore.storage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.videostore.testcam.LocalS3;
import io.videostore.testcam.S3Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import software.amazon.awssdk.services.s3.model.S3Object;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The uploader against s3proxy, a real S3 API server in the test JVM: what reaches the
 * bucket, and what happens while the store is down or refuses us.
 */
class UploaderIntegrationTests extends UploaderContract {

	@TempDir
	Path bucketFolder;

	private LocalS3 s3;

	@Override
	S3Store openStore() throws Exception {
		this.s3 = LocalS3.start(this.bucketFolder);
		return this.s3;
	}

	@Override
	void closeStore() throws Exception {
		this.s3.close();
	}

	@Test
	void whileTheStoreIsDownTheBacklogIsKeptAndDrainsInOrderWhenItReturns(CapturedOutput output) throws Exception {
		this.s3.stop();
		this.uploader = uploader(this.s3.config("", true));
		long[] clips = new long[3];
		for (int i = 0; i < 3; i++) {
			clips[i] = clip("clip-" + i + ".mp4", 1000);
			this.uploader.clipStored(clips[i], "press", file(clips[i]), Instant.now());
		}
		await().atMost(Duration.ofSeconds(20)).until(() -> this.uploader.status().failing());
		assertLoggedOnceWhileRetrying(output);
		assertThat(this.uploads.uploadBacklog().pending()).isEqualTo(3);

		this.s3.restart();

		await().atMost(Duration.ofSeconds(30)).until(() -> this.uploads.uploadBacklog().pending() == 0);
		assertThat(this.s3.objects()).extracting(S3Object::key)
			.containsExactlyInAnyOrder("press/" + day() + "/clip-0.mp4", "press/" + day() + "/clip-1.mp4",
					"press/" + day() + "/clip-2.mp4");
		assertThat(this.uploader.status().failing()).isFalse();
		assertThat(output.getOut()).contains("Uploads to bucket 'clips' work again");
	}

	@Test
	void afterOneClipsBackoffEndsTheNextUploadIsTheOldestDueAgain() throws Exception {
		TickingClock clock = new TickingClock();
		long first = clip("first.mp4", 1000);
		long second = clip("second.mp4", 1000);
		long third = clip("third.mp4", 1000);
		// The first cannot be read yet (a folder where its file belongs): its upload
		// fails
		// and waits. The second is a pipe: reading it holds the uploader until the test
		// writes.
		Path firstFile = file(first);
		Files.delete(firstFile);
		Files.createDirectory(firstFile);
		Path secondFile = file(second);
		Files.delete(secondFile);
		Process mkfifo = new ProcessBuilder("mkfifo", secondFile.toString()).inheritIO().start();
		assertThat(mkfifo.waitFor()).isZero();
		for (long clip : new long[] { first, second, third }) {
			this.uploads.enqueueUpload(clip, "press/" + file(clip).getFileName(), clock.instant());
		}
		this.uploader = uploader(this.s3.config("", true), clock);

		// Open for writing returns once the uploader reads the second clip.
		java.util.concurrent.CompletableFuture<java.io.OutputStream> writer = java.util.concurrent.CompletableFuture
			.supplyAsync(() -> {
				try {
					return Files.newOutputStream(secondFile);
				}
				catch (java.io.IOException ex) {
					throw new java.io.UncheckedIOException(ex);
				}
			});
		java.io.OutputStream pipe = writer.get(20, java.util.concurrent.TimeUnit.SECONDS);
		assertThat(this.db.upload(first).attempts()).as("the first failed before the second was read").isOne();
		// Now the first can be read, and its backoff is over.
		Files.delete(firstFile);
		Files.write(firstFile, new byte[1000]);
		clock.advance(Duration.ofMinutes(5));
		Path pipeFile = secondFile.resolveSibling("second.fifo");
		Files.move(secondFile, pipeFile);
		Files.write(secondFile, new byte[0]);
		pipe.close();

		await().atMost(Duration.ofSeconds(30)).until(() -> this.uploads.uploadBacklog().pending() == 0);
		assertThat(List.of(first, second, third)).extracting(this::doneAt)
			.as("the first, due again, before the younger third")
			.satisfies((done) -> assertThat(done.get(0)).isLessThan(done.get(2)));
	}

	private String doneAt(long clip) {
		return this.db.jdbc.sql("SELECT done_at FROM upload WHERE clip_id = :id")
			.param("id", clip)
			.query(String.class)
			.single();
	}

	/** Each reading a millisecond later than the last, so the index shows the order. */
	static final class TickingClock extends java.time.Clock {

		private final java.util.concurrent.atomic.AtomicReference<Instant> now = new java.util.concurrent.atomic.AtomicReference<>(
				Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));

		void advance(Duration by) {
			this.now.updateAndGet((t) -> t.plus(by));
		}

		@Override
		public Instant instant() {
			return this.now.getAndUpdate((t) -> t.plusMillis(1));
		}

		@Override
		public java.time.ZoneId getZone() {
			return java.time.ZoneOffset.UTC;
		}

		@Override
		public java.time.Clock withZone(java.time.ZoneId zone) {
			return this;
		}

	}

	private static String day() {
		return java.time.format.DateTimeFormatter.ofPattern("yyyy/MM/dd")
			.withZone(java.time.ZoneOffset.UTC)
			.format(Instant.now());
	}

}
