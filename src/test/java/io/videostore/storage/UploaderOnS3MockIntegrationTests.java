package io.videostore.storage;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.videostore.testcam.S3MockProcess;
import io.videostore.testcam.S3Store;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The uploader against Adobe S3Mock, a second, different S3 implementation, run once for
 * the class in its own JVM, with a fresh bucket for each test. S3Mock checks no request
 * signatures, so the wrong-credentials case is skipped here.
 */
class UploaderOnS3MockIntegrationTests extends UploaderContract {

	@TempDir
	static Path root;

	private static S3MockProcess s3mock;

	private static final AtomicInteger buckets = new AtomicInteger();

	@BeforeAll
	static void startS3Mock() throws Exception {
		s3mock = S3MockProcess.start(root, Duration.ofSeconds(60));
	}

	@AfterAll
	static void stopS3Mock() {
		if (s3mock != null) {
			s3mock.close();
		}
	}

	@Override
	S3Store openStore() {
		return s3mock.createBucket("clips-" + buckets.incrementAndGet());
	}

}
