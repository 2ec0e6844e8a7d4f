package io.videostore.storage;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

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
		assertThat(this.index.uploadBacklog().pending()).isEqualTo(3);

		this.s3.restart();

		await().atMost(Duration.ofSeconds(30)).until(() -> this.index.uploadBacklog().pending() == 0);
		assertThat(this.s3.objects()).extracting(S3Object::key)
			.containsExactlyInAnyOrder("press/" + day() + "/clip-0.mp4", "press/" + day() + "/clip-1.mp4",
					"press/" + day() + "/clip-2.mp4");
		assertThat(this.uploader.status().failing()).isFalse();
		assertThat(output.getOut()).contains("Uploads to bucket 'clips' work again");
	}

	private static String day() {
		return java.time.format.DateTimeFormatter.ofPattern("yyyy/MM/dd")
			.withZone(java.time.ZoneOffset.UTC)
			.format(Instant.now());
	}

}
