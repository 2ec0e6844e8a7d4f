package io.videostore.camera;

/**
 * Whether this instance may stream a camera now. Alone, always; in a cluster only while
 * it can prove, by the database's clock, that it still holds the camera's lease: an
 * instance that was paused or cut off from the database stops streaming before any other
 * instance may take the camera over ({@code recording.OwnedCameras}).
 */
@FunctionalInterface
public interface StreamLicence {

	/** Every camera, always: one instance. */
	StreamLicence ALWAYS = (cameraId) -> true;

	/** True while this instance may stream the camera. */
	boolean valid(String cameraId);

	/** Why a camera may not be streamed now, in words. */
	default String refusal(String cameraId) {
		return "fenced: this instance could not prove it still holds camera '" + cameraId
				+ "' (it could not reach the database, or was paused, for most of its lease)";
	}

}
