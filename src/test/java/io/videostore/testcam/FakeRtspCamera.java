package io.videostore.testcam;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fake RTSP IP camera of {@code src/test/resources/rtsp/fake_rtsp_camera.py}
 * (gst-rtsp-server, H.264 640x360 at 10 fps, a keyframe every 2 s) as a separate python3
 * process on 127.0.0.1. Needs Debian's GStreamer RTSP packages, which {@code .ci/run}
 * installs; tests that use it are marked {@link RequiresRtspServer}, which skips them
 * elsewhere (reported as skipped, with the reason) unless
 * {@code VIDEOSTORE_REQUIRE_RTSP_TESTS} is set.
 */
public final class FakeRtspCamera implements AutoCloseable {

	/** Frames per second of the camera's stream. */
	public static final int FPS = 10;

	/** Seconds between the camera's keyframes ({@code key-int-max=20} at 10 fps). */
	public static final double GOP_SECONDS = 2.0;

	private static final Path SCRIPT = Path.of("src/test/resources/rtsp/fake_rtsp_camera.py");

	private final Process process;

	private final int port;

	private FakeRtspCamera(Process process, int port) {
		this.process = process;
		this.port = port;
	}

	/**
	 * Starts the camera and waits (at most 20 s) until it listens.
	 * @param auth {@code none}, {@code basic} or {@code digest}
	 */
	public static FakeRtspCamera start(String auth, String username, String password) throws Exception {
		int port;
		try (ServerSocket s = new ServerSocket(0)) {
			port = s.getLocalPort();
		}
		Process process = new ProcessBuilder("/usr/bin/python3", SCRIPT.toAbsolutePath().toString(),
				String.valueOf(port), auth, username, password)
			.redirectErrorStream(true)
			.start();
		FakeRtspCamera camera = new FakeRtspCamera(process, port);
		try {
			BufferedReader out = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
			assertThat(CompletableFuture.supplyAsync(() -> readLine(out)).get(20, TimeUnit.SECONDS))
				.as("fake RTSP camera's first line")
				.isEqualTo("ready");
			// GStreamer may warn later on; keep its pipe drained so it never blocks.
			Thread drain = new Thread(() -> {
				while (readLine(out) != null) {
					// discard
				}
			}, "fake-rtsp-camera-output");
			drain.setDaemon(true);
			drain.start();
			return camera;
		}
		catch (Exception | AssertionError ex) {
			camera.close();
			throw ex;
		}
	}

	private static volatile Boolean available;

	/** True when python3 can load GStreamer's RTSP server (checked once). */
	public static boolean available() {
		if (available == null) {
			available = probe();
		}
		return available;
	}

	private static boolean probe() {
		try {
			return new ProcessBuilder("/usr/bin/python3", "-c",
					"import gi; gi.require_version('GstRtspServer', '1.0'); from gi.repository import GstRtspServer")
				.redirectErrorStream(true)
				.start()
				.waitFor() == 0;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	public int port() {
		return port;
	}

	/** The camera's python3 process; its own arguments hold the password. */
	public ProcessHandle process() {
		return process.toHandle();
	}

	/** The stream's URL, without credentials. */
	public URI uri() {
		return URI.create("rtsp://127.0.0.1:" + port + "/stream1");
	}

	@Override
	public void close() throws InterruptedException {
		process.destroy();
		if (!process.waitFor(5, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			process.waitFor(5, TimeUnit.SECONDS);
		}
	}

	private static String readLine(BufferedReader r) {
		try {
			return r.readLine();
		}
		catch (IOException ex) {
			return null;
		}
	}

}
