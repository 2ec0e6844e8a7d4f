package io.videostore.camera;

import java.net.URI;

import io.videostore.config.CameraConfig;
import org.apache.hc.client5.http.cookie.CookieStore;

/**
 * Reaches a camera through IXON web access: obtains a fresh proxy URL and session cookie,
 * then lets the HTTP opener read {@code base + stream_path} in that session. Implemented
 * by {@link IxonWebAccess} on the IXON client.
 */
public interface WebAccess {

	/** Opens an HTTP stream in a web-access session. */
	@FunctionalInterface
	interface StreamOpener {

		CameraFeed open(URI streamUri, CookieStore cookies);

	}

	/** Opens the camera's stream through web access. */
	CameraFeed open(CameraConfig camera, StreamOpener opener);

	/** For camera sources made without IXON (no camera of the configuration needs it). */
	WebAccess UNAVAILABLE = (camera, opener) -> {
		throw new CameraException(CameraException.Reason.NOT_CONFIGURED, "camera '" + camera.id()
				+ "' uses IXON web access, but these camera sources were made without an IXON client");
	};

}
