package io.videostore.storage;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.videostore.clips.ClipRecord;
import io.videostore.clips.Clips;
import io.videostore.clips.TestIndex;
import io.videostore.clips.UploadOutbox;
import io.videostore.config.AppConfig;
import io.videostore.config.CameraConfig;
import io.videostore.config.IxonApiConfig;
import io.videostore.config.RetentionConfig;
import io.videostore.config.StorageConfig;
import io.videostore.config.VideoConfig;
import io.videostore.config.WebhooksConfig;
import io.videostore.testcam.LocalS3;

/**
 * {@code bench/uploads.sh}: N clips of M MB through the outbox to s3proxy in this JVM
 * (clips/s, MB/s, CPU of the whole JVM, server included); then an outage of S seconds
 * with a clip stored every 500 ms, and how long the backlog takes to drain when the store
 * returns.
 */
public final class UploadBenchmark {

	private UploadBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int clips = Integer.parseInt(args[0]);
		int megabytes = Integer.parseInt(args[1]);
		int outageSeconds = Integer.parseInt(args[2]);
		Path root = Files.createTempDirectory("upload-bench");
		Path videos = Files.createDirectories(root.resolve("videos"));
		try (LocalS3 s3 = LocalS3.start(Files.createDirectories(root.resolve("bucket")));
				TestIndex db = TestIndex.open(videos, Clock.systemUTC())) {
			VideoConfig video = VideoConfig.DEFAULTS.withOutput(videos);
			AppConfig config = new AppConfig(new IxonApiConfig("", "", "", "", "", IxonApiConfig.DEFAULT_BASE_URL),
					List.of(CameraConfig.demo(video)), video, WebhooksConfig.DEFAULTS, null,
					new StorageConfig(s3.config("bench", true), RetentionConfig.DEFAULTS), null, false);
			Uploader uploader = new Uploader(config, db.uploads, Clock.systemUTC(), new SimpleMeterRegistry(),
					Duration.ofSeconds(1), Duration.ofSeconds(5), true);
			byte[] content = new byte[megabytes * 1024 * 1024];
			new Random(1).nextBytes(content);
			long[] ids = new long[clips];
			for (int i = 0; i < clips; i++) {
				ids[i] = clip(db.clips, videos, "clip-" + i + ".mp4", content);
			}
			uploader.start();
			long cpu0 = cpu();
			long t0 = System.nanoTime();
			for (int i = 0; i < clips; i++) {
				uploader.clipStored(ids[i], "press", videos.resolve("clip-" + i + ".mp4"), Instant.now());
			}
			awaitEmpty(db.uploads);
			double seconds = (System.nanoTime() - t0) / 1e9;
			double cpuSeconds = (cpu() - cpu0) / 1e9;
			System.out.printf(Locale.ROOT,
					"%d clips of %d MB: %.1f s, %.1f clips/s, %.1f MB/s, JVM CPU %.1f s (%.2f cores), heap used %d MB,"
							+ " RSS %d MB%n",
					clips, megabytes, seconds, clips / seconds, clips * megabytes / seconds, cpuSeconds,
					cpuSeconds / seconds, usedHeapMb(), rssMb());

			s3.stop();
			long end = System.nanoTime() + outageSeconds * 1_000_000_000L;
			int stored = 0;
			byte[] small = new byte[256 * 1024];
			while (System.nanoTime() < end) {
				long id = clip(db.clips, videos, "outage-" + stored + ".mp4", small);
				uploader.clipStored(id, "press", videos.resolve("outage-" + stored + ".mp4"), Instant.now());
				stored++;
				Thread.sleep(500);
			}
			System.out.printf(Locale.ROOT,
					"outage of %d s: %d clips stored, backlog %d rows, heap used %d MB, RSS %d MB%n", outageSeconds,
					stored, db.uploads.uploadBacklog().pending(), usedHeapMb(), rssMb());
			s3.restart();
			long t1 = System.nanoTime();
			awaitEmpty(db.uploads);
			System.out.printf(Locale.ROOT, "caught up %.1f s after the store returned (uploader pause up to 5 s)%n",
					(System.nanoTime() - t1) / 1e9);
			uploader.stop();
		}
	}

	private static long clip(Clips clips, Path videos, String name, byte[] content) throws Exception {
		Path file = Files.write(videos.resolve(name), content);
		Instant now = Instant.now();
		return clips.recordClip(new ClipRecord("press", file.toString(), 5.0, 50, "h264", 640, 360, content.length,
				now.minusSeconds(5), now, now));
	}

	private static void awaitEmpty(UploadOutbox uploads) throws InterruptedException {
		while (uploads.uploadBacklog().pending() > 0) {
			Thread.sleep(20);
		}
	}

	private static long cpu() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

	private static long usedHeapMb() {
		System.gc();
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);
	}

	private static long rssMb() throws Exception {
		return Files.readAllLines(Path.of("/proc/self/status"))
			.stream()
			.filter((l) -> l.startsWith("VmRSS"))
			.mapToLong((l) -> Long.parseLong(l.replaceAll("\\D", "")) / 1024)
			.findFirst()
			.orElse(-1);
	}

}
