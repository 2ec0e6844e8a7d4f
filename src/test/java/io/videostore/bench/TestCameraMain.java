package io.videostore.bench;

import java.time.Duration;

import io.videostore.testcam.TestCamera;
import io.videostore.testcam.TestCamera.Options;

/**
 * Runs the test camera as its own process for benchmarks, so its frame drawing is not
 * billed to the recorder. Arguments: width height fps [seconds-to-live]. Prints the
 * stream URL, then serves until killed.
 */
public final class TestCameraMain {

	private TestCameraMain() {
	}

	public static void main(String[] args) throws Exception {
		int width = Integer.parseInt(args[0]);
		int height = Integer.parseInt(args[1]);
		double fps = Double.parseDouble(args[2]);
		long live = (args.length > 3) ? Long.parseLong(args[3]) : 3600;
		try (TestCamera cam = TestCamera.start(Options.none().withSize(width, height).withFps(fps))) {
			System.out.println(cam.uri());
			System.out.flush();
			Thread.sleep(Duration.ofSeconds(live).toMillis());
		}
	}

}
