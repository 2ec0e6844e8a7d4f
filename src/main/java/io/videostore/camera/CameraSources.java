package io.videostore.camera;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

import io.videostore.config.AppConfig;
import io.videostore.config.CameraConfig;
import io.videostore.config.CameraSourceType;
import io.videostore.ixon.IxonClient;

/**
 * Opens any configured camera as a {@link CameraFeed}: the demo pattern, a direct
 * HTTP/RTSP URL, or (through {@link WebAccess}) a camera behind IXON web access.
 */
public class CameraSources implements AutoCloseable {

	private static final double DEMO_DEFAULT_FPS = 10;

	private final HttpStreamOpener http;

	private final WebAccess webAccess;

	private final Clock clock;

	private volatile StreamLicence licence = StreamLicence.ALWAYS;

	public CameraSources(WebAccess webAccess, Duration connectTimeout, Clock clock) {
		this.http = new HttpStreamOpener(connectTimeout);
		this.webAccess = webAccess;
		this.clock = clock;
	}

	/** Camera sources without IXON support, with a 10 s connect timeout. */
	public static CameraSources direct() {
		return new CameraSources(WebAccess.UNAVAILABLE, Duration.ofSeconds(10), Clock.systemUTC());
	}

	/**
	 * Camera sources for this configuration: with IXON web access (a client of its own)
	 * when a camera has {@code source: ixon} and {@code IXON_api} has credentials.
	 */
	public static CameraSources create(AppConfig config) {
		boolean ixonCameras = config.cameras().stream().anyMatch((c) -> c.source() == CameraSourceType.IXON);
		if (!ixonCameras) {
			return direct();
		}
		if (!IxonClient.configured(config.ixonApi())) {
			return new CameraSources(IxonWebAccess.notConfigured(), Duration.ofSeconds(10), Clock.systemUTC());
		}
		return create(config, IxonClient.create(config.ixonApi()));
	}

	/**
	 * Camera sources that reach IXON cameras through this shared client (one token for
	 * the whole application), or as {@link #create(AppConfig)} when the client is null.
	 */
	public static CameraSources create(AppConfig config, IxonClient ixon) {
		if (ixon == null) {
			return create(config);
		}
		return new CameraSources(new IxonWebAccess(ixon, Duration.ofSeconds(10)), Duration.ofSeconds(10),
				Clock.systemUTC());
	}

	/**
	 * From now on, opens and streams a camera only while the licence allows it (in a
	 * cluster: while this instance can prove it holds the camera's lease).
	 */
	public CameraSources licensed(StreamLicence licence) {
		this.licence = licence;
		return this;
	}

	/**
	 * Opens the camera.
	 * @throws CameraException when the camera cannot be opened, saying why
	 */
	public CameraFeed open(CameraConfig camera) {
		StreamLicence licence = this.licence;
		if (!licence.valid(camera.id())) {
			throw new CameraException(CameraException.Reason.FENCED, licence.refusal(camera.id()));
		}
		CameraFeed feed = openFeed(camera);
		return (licence == StreamLicence.ALWAYS) ? feed : new LicensedFeed(feed, camera.id(), licence);
	}

	private CameraFeed openFeed(CameraConfig camera) {
		Duration stall = camera.video().stallTimeout();
		return switch (camera.source()) {
			case DEMO ->
				new DemoFeed(camera.video().autoFramerate() ? DEMO_DEFAULT_FPS : camera.video().framerate(), clock);
			case URL -> openUrl(camera, stall);
			case IXON -> webAccess.open(camera, (uri, cookies) -> http.open(uri, camera.auth(), stall, cookies));
		};
	}

	/**
	 * True when ffmpeg opens the camera itself (RTSP), so this JVM does not pump its
	 * frames (and cannot stop them frame by frame).
	 */
	public static boolean openedByFfmpeg(CameraConfig camera) {
		return camera.source() == CameraSourceType.URL && camera.url() != null
				&& camera.url().toLowerCase(Locale.ROOT).startsWith("rtsp");
	}

	private CameraFeed openUrl(CameraConfig camera, Duration stall) {
		URI uri = URI.create(camera.url());
		if (openedByFfmpeg(camera)) {
			return new RtspFeed(uri, camera.auth(), stall);
		}
		return http.open(uri, camera.auth(), stall, null);
	}

	@Override
	public void close() {
		http.close();
	}

}
