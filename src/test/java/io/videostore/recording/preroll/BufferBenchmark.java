package io.videostore.recording.preroll;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import io.videostore.camera.CameraSources;
import io.videostore.config.CameraConfig;
import io.videostore.recording.preroll.buffer.BufferRig;
import io.videostore.recording.preroll.buffer.BufferSettings;
import io.videostore.recording.preroll.buffer.SegmentBuffer;
import io.videostore.testcam.TestCamera;
import io.videostore.testcam.TestCamera.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Not a test: runs only with {@code VIDEOSTORE_BENCH=1} in the environment. Buffers the
 * test camera (640x360 MJPEG at 10 fps) for 40 s, samples the buffering ffmpeg's CPU time
 * and RSS from /proc, then assembles a 30 s window with stream copy and with H.264. Run
 * with {@code VIDEOSTORE_BENCH=1 ./mvnw test -Dtest=BufferBenchmark}; results go to the
 * test output.
 */
@EnabledIfEnvironmentVariable(named = "VIDEOSTORE_BENCH", matches = "1")
class BufferBenchmark {

	@TempDir
	Path dir;

	@Test
	void buffer40sThenAssemble30sCopyAndRecode() throws Exception {
		try (TestCamera cam = TestCamera.start(Options.none().withFps(10));
				CameraSources sources = CameraSources.direct()) {
			CameraConfig camera = BufferRig.camera(cam.uri(), dir, true);
			try (SegmentBuffer buffer = SegmentBuffer.start(BufferRig.FFMPEG, sources, camera,
					BufferSettings.forCamera(camera, dir.resolve(".buffer"))
						.withRetain(Duration.ofSeconds(40), 40, 1L << 30))) {
				Thread.sleep(5000);
				ProcessHandle ffmpeg = ProcessHandle.current()
					.descendants()
					.filter((p) -> p.info().command().orElse("").contains("ffmpeg"))
					.findFirst()
					.orElseThrow();
				long cpu0 = cpuTicks(ffmpeg.pid());
				long pump0 = pumpCpuNanos();
				long t0 = System.nanoTime();
				Thread.sleep(35000);
				double cpuSeconds = (cpuTicks(ffmpeg.pid()) - cpu0) / 100.0;
				double wall = (System.nanoTime() - t0) / 1e9;
				double pumpSeconds = (pumpCpuNanos() - pump0) / 1e9;
				System.out.printf(
						"BENCH buffering ffmpeg: %.2f CPU s per minute, RSS %s; JVM pump thread %.2f CPU s per"
								+ " minute; ring %d segments %d KB%n",
						cpuSeconds * 60 / wall, rss(ffmpeg.pid()), pumpSeconds * 60 / wall, buffer.segments().size(),
						buffer.bytes() / 1024);
				Instant to = Instant.now().minusSeconds(1);
				Instant from = to.minusSeconds(30);
				for (boolean recode : new boolean[] { false, true, false, true }) {
					long s = System.nanoTime();
					AssembledClip clip = new ClipAssembler(BufferRig.FFMPEG).assemble(buffer,
							BufferRig.window(from, to), BufferRig.camera(cam.uri(), dir, recode).video(),
							dir.resolve("c-" + recode + "-" + System.nanoTime() + ".mp4"));
					System.out.printf("BENCH 30 s window %s: %d ms, %.2f s, %d frames, %d KB%n",
							recode ? "recode" : "copy", (System.nanoTime() - s) / 1_000_000,
							clip.probe().durationSeconds(), clip.probe().frames(), clip.probe().sizeBytes() / 1024);
				}
			}
		}
	}

	/** CPU time of the thread that reads the camera and pipes frames into ffmpeg. */
	private static long pumpCpuNanos() {
		ThreadMXBean mx = ManagementFactory.getThreadMXBean();
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((t) -> t.getName().startsWith("camera-pump-buffer-"))
			.mapToLong((t) -> mx.getThreadCpuTime(t.getId()))
			.sum();
	}

	private static long cpuTicks(long pid) throws Exception {
		String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
		String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		return Long.parseLong(f[11]) + Long.parseLong(f[12]);
	}

	private static String rss(long pid) throws Exception {
		return Files.readAllLines(Path.of("/proc/" + pid + "/status"))
			.stream()
			.filter((l) -> l.startsWith("VmRSS"))
			.findFirst()
			.orElse("?")
			.replaceAll("\\s+", " ");
	}

}
