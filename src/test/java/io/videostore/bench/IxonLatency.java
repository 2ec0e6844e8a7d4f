package io.videostore.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import io.videostore.camera.CameraFeed;
import io.videostore.camera.CameraSources;
import io.videostore.config.CameraAuth;
import io.videostore.config.CameraAuth.AuthType;
import io.videostore.config.CameraConfig;
import io.videostore.config.CameraSourceType;
import io.videostore.config.IxonApiConfig;
import io.videostore.config.MatchRules;
import io.videostore.config.VideoConfig;
import io.videostore.ixon.IxonClient;
import io.videostore.ixon.IxonClientOptions;
import io.videostore.testcam.FakeIxon;
import io.videostore.testcam.MovableClock;
import io.videostore.testcam.TestCamera;
import io.videostore.testcam.WebAccessProxy;

/**
 * Trigger-to-first-frame latency through the fake IXON API and web-access proxy (digest
 * camera, 127.0.0.1): from asking the camera sources for the camera to the first whole
 * JPEG frame handed on to ffmpeg's pipe, and the IXON API calls each recording costs.
 * Scenarios: warm token; token renewed at expiry; token revoked (401, login, retry); cold
 * client (discovery + login). Run by bench/ixon-latency.sh.
 */
public final class IxonLatency {

	private static final int WARMUP = 10;

	public static void main(String[] args) throws Exception {
		int runs = (args.length > 0) ? Integer.parseInt(args[0]) : 20;
		try (TestCamera camera = TestCamera.start(TestCamera.Options.digest("viewer", "secret"));
				WebAccessProxy proxy = WebAccessProxy.start(camera);
				FakeIxon ixon = FakeIxon.start(proxy)) {
			CameraConfig cam = new CameraConfig("bench", "bench", CameraSourceType.IXON, null,
					new CameraAuth(AuthType.DIGEST, "viewer", "secret"), FakeIxon.COMPANY, FakeIxon.SERVICE, "http",
					TestCamera.DEFAULT_PATH, MatchRules.ALL, VideoConfig.DEFAULTS);
			IxonApiConfig api = new IxonApiConfig(FakeIxon.APPLICATION, FakeIxon.EMAIL, FakeIxon.PASSWORD, "", "",
					ixon.baseUrl());
			System.out.printf(Locale.ROOT, "%-34s %5s %10s %10s %10s %10s %14s%n", "scenario", "runs", "median_ms",
					"p90_ms", "min_ms", "max_ms", "ixon_calls/rec");
			MovableClock clock = MovableClock.followingTheWallClock();
			IxonClient shared = new IxonClient(api, IxonClientOptions.DEFAULTS.withClock(clock));
			try (CameraSources sources = CameraSources.create(null, shared)) {
				measure("warm token", runs, ixon, () -> sources, cam, () -> {
				});
				measure("token renewed at expiry", runs, ixon, () -> sources, cam,
						() -> clock.advance(IxonClientOptions.DEFAULTS.tokenLifetime()));
				measure("token revoked (401, login, retry)", runs, ixon, () -> sources, cam, ixon::expireTokens);
			}
			CameraConfig direct = new CameraConfig("direct", "direct", CameraSourceType.URL, camera.uri().toString(),
					cam.auth(), null, null, null, null, MatchRules.ALL, VideoConfig.DEFAULTS);
			try (CameraSources sources = CameraSources.direct()) {
				measure("baseline: same camera, no IXON", runs, ixon, () -> sources, direct, () -> {
				});
			}
			measure("cold client (discovery + login)", runs, ixon,
					() -> CameraSources.create(null, new IxonClient(api, IxonClientOptions.DEFAULTS)), cam, () -> {
					});
		}
	}

	private static void measure(String name, int runs, FakeIxon ixon, Supplier<CameraSources> sources,
			CameraConfig camera, Runnable before) throws IOException {
		List<Double> millis = new ArrayList<>();
		int calls = 0;
		for (int i = 0; i < WARMUP + runs; i++) {
			before.run();
			CameraSources s = sources.get();
			int start = ixon.requests();
			double ms = firstFrameMillis(s, camera);
			if (i >= WARMUP) {
				millis.add(ms);
				calls += ixon.requests() - start;
			}
		}
		millis.sort(null);
		System.out.printf(Locale.ROOT, "%-34s %5d %10.1f %10.1f %10.1f %10.1f %14.1f%n", name, runs,
				percentile(millis, 50), percentile(millis, 90), millis.get(0), millis.get(millis.size() - 1),
				calls / (double) runs);
	}

	private static double firstFrameMillis(CameraSources sources, CameraConfig camera) {
		long start = System.nanoTime();
		long[] first = new long[1];
		try (CameraFeed feed = sources.open(camera)) {
			feed.pumpTo(new OutputStream() {
				@Override
				public void write(int b) throws IOException {
					write(new byte[] { (byte) b }, 0, 1);
				}

				@Override
				public void write(byte[] b, int off, int len) throws IOException {
					first[0] = System.nanoTime();
					// Ends the pump: only the first frame's arrival matters here.
					throw new IOException("first frame seen");
				}
			});
		}
		return (first[0] - start) / 1e6;
	}

	private static double percentile(List<Double> sorted, int p) {
		int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
		return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
	}

	/** Lets the benchmark jump to a token's expiry. */

}
