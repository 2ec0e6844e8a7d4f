package io.videostore.storage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.videostore.clips.ClipRecord;
import io.videostore.clips.Clips;
import io.videostore.clips.TestIndex;
import io.videostore.clips.UploadOutbox;
import io.videostore.config.AppConfig;
import io.videostore.config.CameraConfig;
import io.videostore.config.IxonApiConfig;
import io.videostore.config.RetentionConfig;
import io.videostore.config.S3Config;
import io.videostore.config.StorageConfig;
import io.videostore.config.VideoConfig;
import io.videostore.config.WebhooksConfig;
import io.videostore.testcam.CuttingProxy;
import io.videostore.testcam.S3Store;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import software.amazon.awssdk.services.s3.model.S3Object;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What the uploader does against a real S3 API server and a real index, whichever server:
 * each subclass runs these against its own.
 */
@ExtendWith(OutputCaptureExtension.class)
abstract class UploaderContract {

	@TempDir
	Path videos;

	TestIndex db;

	Clips clips;

	UploadOutbox uploads;

	Uploader uploader;

	private S3Store store;

	/** The bucket this test uploads to, in a server started or a bucket made for it. */
	abstract S3Store openStore() throws Exception;

	/** Called once the uploader has stopped. */
	void closeStore() throws Exception {
	}

	@BeforeEach
	void start() throws Exception {
		this.store = openStore();
		this.db = TestIndex.open(this.videos, Clock.systemUTC());
		this.clips = this.db.clips;
		this.uploads = this.db.uploads;
	}

	@AfterEach
	void stop() throws Exception {
		if (this.uploader != null) {
			this.uploader.stop();
		}
		this.db.close();
		closeStore();
	}

	@Test
	void aStoredClipIsUploadedUnderItsDeterministicKeyWithMetadataAndVerified() throws Exception {
		this.uploader = uploader(this.store.config("plant-7", true));
		long clip = clip("2026-11-27T10-00-00_Press_Köln.mp4", 3_000_000);

		this.uploader.clipStored(clip, "press", file(clip), Instant.parse("2026-11-27T10:00:00Z"));

		await().atMost(Duration.ofSeconds(20)).until(() -> "both".equals(location(clip)));
		String key = "plant-7/press/2026/11/27/2026-11-27T10-00-00_Press_Köln.mp4";
		assertThat(this.store.objects()).extracting(S3Object::key).containsExactly(key);
		assertThat(this.store.get(key)).isEqualTo(Files.readAllBytes(file(clip)));
		assertThat(this.store.head(key).contentLength()).isEqualTo(3_000_000);
		assertThat(this.store.head(key).eTag()).isEqualTo('"' + md5(Files.readAllBytes(file(clip))) + '"');
		assertThat(this.store.head(key).contentType()).isEqualTo("video/mp4");
		assertThat(this.store.head(key).metadata()).containsEntry("camera", "press");
		// Offered again, the clip is not queued twice.
		this.uploads.enqueueUpload(clip, key, Instant.now());
		assertThat(this.store.objects()).hasSize(1);
		assertThat(this.uploads.uploadBacklog().pending()).isZero();
	}

	@Test
	void anUploadCutOffMidwayIsRecordedAsFailedAndItsRetryLeavesOneWholeObjectUnderTheSameKey() throws Exception {
		try (CuttingProxy link = CuttingProxy.start(this.store.endpoint())) {
			S3Config direct = this.store.config("plant-7", true);
			link.cutPuts();
			this.uploader = uploader(new S3Config(link.endpoint().toString(), direct.bucket(), "", direct.prefix(),
					direct.accessKey(), direct.secretKey(), true, true));
			long clip = clip("clip.mp4", 3_000_000);
			byte[] content = Files.readAllBytes(file(clip));

			this.uploader.clipStored(clip, "press", file(clip), Instant.parse("2026-11-27T10:00:00Z"));

			await().atMost(Duration.ofSeconds(20)).until(() -> this.db.upload(clip).attempts() >= 1);
			TestIndex.UploadRow failed = this.db.upload(clip);
			assertThat(failed.state()).isEqualTo("pending");
			assertThat(failed.lastError()).startsWith("SdkClientException");
			assertThat(link.cuts()).isPositive();
			assertThat(location(clip)).isEqualTo("local");
			assertThat(this.store.objects()).as("what a cut-off PUT leaves behind").isEmpty();

			link.heal();

			await().atMost(Duration.ofSeconds(20)).until(() -> "both".equals(location(clip)));
			String key = "plant-7/press/2026/11/27/clip.mp4";
			TestIndex.UploadRow done = this.db.upload(clip);
			assertThat(done.objectKey()).isEqualTo(key);
			assertThat(done.state()).isEqualTo("done");
			assertThat(done.attempts()).as("failed attempts").isGreaterThanOrEqualTo(failed.attempts());
			assertThat(this.store.objects()).singleElement().satisfies((object) -> {
				assertThat(object.key()).isEqualTo(key);
				assertThat(object.size()).isEqualTo(content.length);
			});
			assertThat(md5(this.store.get(key))).isEqualTo(md5(content));
		}
	}

	@Test
	void wrongCredentialsAreOneClearErrorAndTheBacklogIsKept(CapturedOutput output) throws Exception {
		assumeTrue(this.store.checksSignatures(), () -> this.store.name() + " checks no request signatures");
		S3Config good = this.store.config("", true);
		this.uploader = uploader(new S3Config(good.endpoint(), good.bucket(), "", "", good.accessKey(),
				"not-the-secret-key", true, true));
		long clip = clip("clip.mp4", 1000);

		this.uploader.clipStored(clip, "press", file(clip), Instant.now());

		await().atMost(Duration.ofSeconds(20)).until(() -> this.uploader.status().failing());
		assertThat(this.uploader.status().lastError()).startsWith("S3 answered HTTP 403");
		assertLoggedOnceWhileRetrying(output);
		assertThat(output.getOut()).doesNotContain("not-the-secret-key");
		assertThat(this.uploads.uploadBacklog().pending()).isOne();
		assertThat(location(clip)).isEqualTo("local");
	}

	@Test
	void aMissingBucketIsOneClearErrorAndTheBacklogIsKept(CapturedOutput output) throws Exception {
		S3Config good = this.store.config("", true);
		this.uploader = uploader(new S3Config(good.endpoint(), "no-such-bucket", "", "", good.accessKey(),
				good.secretKey(), true, true));
		long clip = clip("clip.mp4", 1000);

		this.uploader.clipStored(clip, "press", file(clip), Instant.now());

		await().atMost(Duration.ofSeconds(20)).until(() -> this.uploader.status().failing());
		assertThat(this.uploader.status().lastError()).startsWith("S3 answered HTTP 404 NoSuchBucket");
		assertLoggedOnceWhileRetrying(output);
		assertThat(this.uploads.uploadBacklog().pending()).isOne();
		assertThat(location(clip)).isEqualTo("local");
	}

	@Test
	void withKeepLocalFalseTheLocalCopyGoesAfterAVerifiedUpload() throws Exception {
		this.uploader = uploader(this.store.config("", false));
		long clip = clip("clip.mp4", 5000);
		Path file = file(clip);

		this.uploader.clipStored(clip, "press", file, Instant.now());

		await().atMost(Duration.ofSeconds(20)).until(() -> "cloud".equals(location(clip)));
		assertThat(file).doesNotExist();
		assertThat(this.store.objects()).hasSize(1);
	}

	@Test
	void aClipIsReadFromItsLocalFileWhileThereIsOneElseThroughAPresignedUrlOfItsObject() throws Exception {
		this.uploader = uploader(this.store.config("", false));
		long clip = clip("clip.mp4", 50_000);
		byte[] content = Files.readAllBytes(file(clip));
		ClipReader reader = new ClipReader(this.clips, this.uploads, this.uploader);
		assertThat(reader.open(clip)).get().isInstanceOf(ClipReader.LocalFile.class);

		this.uploader.clipStored(clip, "press", file(clip), Instant.now());
		await().atMost(Duration.ofSeconds(20)).until(() -> "cloud".equals(location(clip)));

		ClipReader.RemoteUrl remote = (ClipReader.RemoteUrl) reader.open(clip).orElseThrow();
		java.net.http.HttpResponse<byte[]> got = java.net.http.HttpClient.newHttpClient()
			.send(java.net.http.HttpRequest.newBuilder(remote.url()).build(),
					java.net.http.HttpResponse.BodyHandlers.ofByteArray());
		assertThat(got.statusCode()).isEqualTo(200);
		assertThat(got.body()).isEqualTo(content);
		assertThat(remote.url().toString()).doesNotContain(S3Store.SECRET);
	}

	@Test
	void aBacklogLeftByAnEarlierRunIsUploadedByTheNextOne() throws Exception {
		long clip = clip("clip.mp4", 1000);
		this.uploads.enqueueUpload(clip, "press/left/clip.mp4", Instant.now());

		this.uploader = uploader(this.store.config("", true));

		await().atMost(Duration.ofSeconds(20)).until(() -> "both".equals(location(clip)));
		assertThat(this.store.objects()).extracting(S3Object::key).containsExactly("press/left/clip.mp4");
	}

	/** The uploader keeps retrying (backoff up to a second), yet logs the error once. */
	static void assertLoggedOnceWhileRetrying(CapturedOutput output) {
		await().during(Duration.ofMillis(2500))
			.atMost(Duration.ofSeconds(5))
			.until(() -> output.getOut().split("Upload of clip", -1).length == 2);
	}

	Uploader uploader(S3Config s3) {
		return uploader(s3, Clock.systemUTC());
	}

	Uploader uploader(S3Config s3, Clock clock) {
		VideoConfig video = VideoConfig.DEFAULTS.withOutput(this.videos);
		AppConfig config = new AppConfig(new IxonApiConfig("", "", "", "", "", IxonApiConfig.DEFAULT_BASE_URL),
				List.of(CameraConfig.demo(video)), video, WebhooksConfig.DEFAULTS, null,
				new StorageConfig(s3, RetentionConfig.DEFAULTS), null, false);
		Uploader u = new Uploader(config, this.uploads, clock, new SimpleMeterRegistry(), Duration.ofMillis(200),
				Duration.ofSeconds(1), true);
		u.start();
		return u;
	}

	long clip(String name, int size) throws Exception {
		byte[] bytes = new byte[size];
		new java.util.Random(size).nextBytes(bytes);
		Path file = Files.write(this.videos.resolve(name), bytes);
		Instant now = Instant.now();
		return this.clips.recordClip(new ClipRecord("press", file.toString(), 1.0, 10, "h264", 640, 360, size,
				now.minusSeconds(1), now, now));
	}

	Path file(long clip) {
		return Path.of(this.clips.clip(clip).orElseThrow().path());
	}

	String location(long clip) {
		return this.clips.clip(clip).orElseThrow().location();
	}

	static String md5(byte[] content) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
	}

}
