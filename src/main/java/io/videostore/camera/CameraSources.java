package io.videostore.camera;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

import io.videostore.config.AppConfig;
import io.videostore.config.CameraConfig;

/**
 * Opens any configured camera as a {@link CameraFeed}: the demo pattern, a direct HTTP/RTSP URL, or (through
 * {@link WebAccess}) a camera behind IXON web access.
 */
public class CameraSources implements AutoCloseable {

	private static final double DEMO_DEFAULT_FPS = 10;

	private final HttpStreamOpener http;

	private final WebAccess webAccess;

	private final Clock clock;

	public CameraSources(WebAccess webAccess, Duration connectTimeout, Clock clock) {
		this.http = new HttpStreamOpener(connectTimeout);
		this.webAccess = webAccess;
		this.clock = clock;
	}

	/** Camera sources without IXON support, with a 10 s connect timeout. */
	public static CameraSources direct() {
		return new CameraSources(WebAccess.UNAVAILABLE, Duration.ofSeconds(10), Clock.systemUTC());
	}

	/** Camera sources for this configuration (IXON web access when the configuration allows it). */
	public static CameraSources create(AppConfig config) {
		return direct();
	}

	/**
	 * Opens the camera.
	 * @throws CameraException when the camera cannot be opened, saying why
	 */
	public CameraFeed open(CameraConfig camera) {
		Duration stall = camera.video().stallTimeout();
		return switch (camera.source()) {
			case DEMO -> new DemoFeed(camera.video().autoFramerate() ? DEMO_DEFAULT_FPS : camera.video().framerate(),
					clock);
			case URL -> openUrl(camera, stall);
			case IXON -> webAccess.open(camera, (uri, cookies) -> http.open(uri, camera.auth(), stall, cookies));
		};
	}

	private CameraFeed openUrl(CameraConfig camera, Duration stall) {
		URI uri = URI.create(camera.url());
		String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
		if (scheme.startsWith("rtsp")) {
			return new RtspFeed(uri, camera.auth(), stall);
		}
		return http.open(uri, camera.auth(), stall, null);
	}

	@Override
	public void close() {
		http.close();
	}

}
