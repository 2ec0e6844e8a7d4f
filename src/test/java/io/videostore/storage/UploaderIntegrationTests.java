package io.videostore.storage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.videostore.clips.AlarmIndex;
import io.videostore.clips.ClipRecord;
import io.videostore.clips.TestIndex;
import io.videostore.config.AppConfig;
import io.videostore.config.CameraConfig;
import io.videostore.config.IxonApiConfig;
import io.videostore.config.RetentionConfig;
import io.videostore.config.S3Config;
import io.videostore.config.StorageConfig;
import io.videostore.config.VideoConfig;
import io.videostore.config.WebhooksConfig;
import io.videostore.testcam.LocalS3;
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

/**
 * The uploader against a real S3 API server (s3proxy) and a real index: what reaches the
 * bucket, and what happens while the store is down or refuses us.
 */
@ExtendWith(OutputCaptureExtension.class)
class UploaderIntegrationTests {

	@TempDir
	Path videos;

	@TempDir
	Path bucketFolder;

	private LocalS3 s3;

	private TestIndex db;

	private AlarmIndex index;

	private Uploader uploader;

	@BeforeEach
	void start() throws Exception {
		this.s3 = LocalS3.start(this.bucketFolder);
		this.db = TestIndex.open(this.videos, Clock.systemUTC());
		this.index = this.db.index;
	}

	@AfterEach
	void stop() throws Exception {
		if (this.uploader != null) {
			this.uploader.stop();
		}
		this.db.close();
		this.s3.close();
	}

	@Test
	void aStoredClipIsUploadedUnderItsDeterministicKeyWithMetadataAndVerified() throws Exception {
		this.uploader = uploader(this.s3.config("plant-7", true));
		long clip = clip("2026-11-27T10-00-00_Press_Köln.mp4", 3_000_000);

		this.uploader.clipStored(clip, "press", file(clip), Instant.parse("2026-11-27T10:00:00Z"));

		await().atMost(Duration.ofSeconds(20)).until(() -> "both".equals(location(clip)));
		String key = "plant-7/press/2026/11/27/2026-11-27T10-00-00_Press_Köln.mp4";
		assertThat(this.s3.objects()).extracting(S3Object::key).containsExactly(key);
		assertThat(this.s3.get(key)).isEqualTo(Files.readAllBytes(file(clip)));
		assertThat(this.s3.head(key).contentType()).isEqualTo("video/mp4");
		assertThat(this.s3.head(key).metadata()).containsEntry("camera", "press");
		// Offered again, the clip is not queued twice.
		this.index.enqueueUpload(clip, key, Instant.now());
		assertThat(this.s3.objects()).hasSize(1);
		assertThat(this.index.uploadBacklog().pending()).isZero();
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
		Thread.sleep(1500);
		assertThat(this.index.uploadBacklog().pending()).isEqualTo(3);
		assertThat(output.getOut().split("Upload of clip", -1)).as("the outage is logged once, not per retry")
			.hasSize(2);

		this.s3.restart();

		await().atMost(Duration.ofSeconds(30)).until(() -> this.index.uploadBacklog().pending() == 0);
		assertThat(this.s3.objects()).extracting(S3Object::key)
			.containsExactlyInAnyOrder("press/" + day() + "/clip-0.mp4", "press/" + day() + "/clip-1.mp4",
					"press/" + day() + "/clip-2.mp4");
		assertThat(this.uploader.status().failing()).isFalse();
		assertThat(output.getOut()).contains("Uploads to bucket 'clips' work again");
	}

	@Test
	void wrongCredentialsAreOneClearErrorAndTheBacklogIsKept(CapturedOutput output) throws Exception {
		S3Config good = this.s3.config("", true);
		this.uploader = uploader(new S3Config(good.endpoint(), good.bucket(), "", "", good.accessKey(),
				"not-the-secret-key", true, true));
		long clip = clip("clip.mp4", 1000);

		this.uploader.clipStored(clip, "press", file(clip), Instant.now());

		await().atMost(Duration.ofSeconds(20)).until(() -> this.uploader.status().failing());
		Thread.sleep(2500);
		assertThat(this.uploader.status().lastError()).startsWith("S3 answered HTTP 403");
		assertThat(output.getOut().split("Upload of clip", -1)).hasSize(2);
		assertThat(output.getOut()).doesNotContain("not-the-secret-key");
		assertThat(this.index.uploadBacklog().pending()).isOne();
		assertThat(location(clip)).isEqualTo("local");
	}

	@Test
	void withKeepLocalFalseTheLocalCopyGoesAfterAVerifiedUpload() throws Exception {
		this.uploader = uploader(this.s3.config("", false));
		long clip = clip("clip.mp4", 5000);
		Path file = file(clip);

		this.uploader.clipStored(clip, "press", file, Instant.now());

		await().atMost(Duration.ofSeconds(20)).until(() -> "cloud".equals(location(clip)));
		assertThat(file).doesNotExist();
		assertThat(this.s3.objects()).hasSize(1);
	}

	@Test
	void aClipIsReadFromItsLocalFileWhileThereIsOneElseThroughAPresignedUrlOfItsObject() throws Exception {
		this.uploader = uploader(this.s3.config("", false));
		long clip = clip("clip.mp4", 50_000);
		byte[] content = Files.readAllBytes(file(clip));
		ClipReader reader = new ClipReader(this.index, this.uploader);
		assertThat(reader.open(clip)).get().isInstanceOf(ClipReader.LocalFile.class);

		this.uploader.clipStored(clip, "press", file(clip), Instant.now());
		await().atMost(Duration.ofSeconds(20)).until(() -> "cloud".equals(location(clip)));

		ClipReader.RemoteUrl remote = (ClipReader.RemoteUrl) reader.open(clip).orElseThrow();
		java.net.http.HttpResponse<byte[]> got = java.net.http.HttpClient.newHttpClient()
			.send(java.net.http.HttpRequest.newBuilder(remote.url()).build(),
					java.net.http.HttpResponse.BodyHandlers.ofByteArray());
		assertThat(got.statusCode()).isEqualTo(200);
		assertThat(got.body()).isEqualTo(content);
		assertThat(remote.url().toString()).doesNotContain(LocalS3.SECRET);
	}

	@Test
	void aBacklogLeftByAnEarlierRunIsUploadedByTheNextOne() throws Exception {
		long clip = clip("clip.mp4", 1000);
		this.index.enqueueUpload(clip, "press/left/clip.mp4", Instant.now());

		this.uploader = uploader(this.s3.config("", true));

		await().atMost(Duration.ofSeconds(20)).until(() -> "both".equals(location(clip)));
		assertThat(this.s3.objects()).extracting(S3Object::key).containsExactly("press/left/clip.mp4");
	}

	private Uploader uploader(S3Config s3) {
		VideoConfig video = VideoConfig.DEFAULTS.withOutput(this.videos);
		AppConfig config = new AppConfig(new IxonApiConfig("", "", "", "", "", IxonApiConfig.DEFAULT_BASE_URL),
				List.of(CameraConfig.demo(video)), video, WebhooksConfig.DEFAULTS, null,
				new StorageConfig(s3, RetentionConfig.DEFAULTS), null, false);
		Uploader u = new Uploader(config, this.index, Clock.systemUTC(), new SimpleMeterRegistry(),
				Duration.ofMillis(200), Duration.ofSeconds(1), true);
		u.start();
		return u;
	}

	private long clip(String name, int size) throws Exception {
		byte[] bytes = new byte[size];
		new java.util.Random(size).nextBytes(bytes);
		Path file = Files.write(this.videos.resolve(name), bytes);
		Instant now = Instant.now();
		return this.index.recordClip(new ClipRecord("press", file.toString(), 1.0, 10, "h264", 640, 360, size,
				now.minusSeconds(1), now, now));
	}

	private Path file(long clip) {
		return Path.of(this.index.clip(clip).orElseThrow().path());
	}

	private String location(long clip) {
		return this.index.clip(clip).orElseThrow().location();
	}

	private static String day() {
		return java.time.format.DateTimeFormatter.ofPattern("yyyy/MM/dd")
			.withZone(java.time.ZoneOffset.UTC)
			.format(Instant.now());
	}

}
