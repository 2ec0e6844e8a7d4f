package io.videostore.config;

/**
 * Where a camera's video comes from ({@code cameras[n].source}).
 */
public enum CameraSourceType {

	/**
	 * Through IXON web access ({@code company_id}, {@code webaccess_service_id},
	 * {@code stream_path}).
	 */
	IXON,
	/** A direct LAN URL: HTTP(S) MJPEG or RTSP. */
	URL,
	/** The built-in test pattern with a burnt-in UTC clock. */
	DEMO

}
