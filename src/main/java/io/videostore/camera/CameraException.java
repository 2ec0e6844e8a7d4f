package io.videostore.camera;

/**
 * A camera could not be opened. The message says what failed and never carries a
 * credential.
 */
public class CameraException extends RuntimeException {

	/** What kind of failure, so callers can react and count without parsing messages. */
	public enum Reason {

		/** The camera (or the proxy in front of it) refused the credentials. */
		AUTH_REFUSED,
		/** The stream path does not exist. */
		NOT_FOUND,
		/** No connection could be made (refused, unknown host, timeout). */
		UNREACHABLE,
		/** The camera answered, but not with a video stream. */
		BAD_RESPONSE,
		/** The configuration cannot work (e.g. a source type this build cannot open). */
		NOT_CONFIGURED,
		/**
		 * This instance may not stream the camera now: it cannot prove it holds the
		 * camera's lease ({@link StreamLicence}).
		 */
		FENCED

	}

	private final Reason reason;

	public CameraException(Reason reason, String message) {
		super(message);
		this.reason = reason;
	}

	public CameraException(Reason reason, String message, Throwable cause) {
		super(message, cause);
		this.reason = reason;
	}

	public Reason reason() {
		return reason;
	}

}
