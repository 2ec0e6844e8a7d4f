package io.videostore.recording.ondemand;

import java.util.Locale;
import java.util.regex.Pattern;

import io.videostore.recording.source.RecordingResult.Cause;

/**
 * Reads what went wrong from ffmpeg's last error lines when ffmpeg itself opened the
 * camera (RTSP), so the user sees "refused the credentials" rather than a raw demuxer
 * message.
 */
final class FfmpegErrors {

	private FfmpegErrors() {
	}

	private static final Pattern AUTH = Pattern.compile("\\b(401|403)\\b|unauthorized|forbidden");

	private static final Pattern NOT_FOUND = Pattern.compile("\\b404\\b|not found");

	/**
	 * Classifies ffmpeg's output (several lines: the telling one is not always the last).
	 */
	static Cause classify(String output) {
		String e = (output == null) ? "" : output.toLowerCase(Locale.ROOT);
		if (AUTH.matcher(e).find()) {
			return Cause.CAMERA_AUTH;
		}
		if (NOT_FOUND.matcher(e).find()) {
			return Cause.CAMERA_NOT_FOUND;
		}
		if (e.contains("connection refused") || e.contains("connection timed out") || e.contains("no route")
				|| e.contains("name or service not known") || e.contains("network is unreachable")) {
			return Cause.CAMERA_UNREACHABLE;
		}
		return Cause.FFMPEG_ERROR;
	}

	static String describe(Cause cause, String error) {
		String detail = (error == null || error.isBlank()) ? "no error output" : error;
		return switch (cause) {
			case CAMERA_AUTH -> "the camera refused the credentials (" + detail + ")";
			case CAMERA_NOT_FOUND -> "the camera stream was not found: check the URL path (" + detail + ")";
			case CAMERA_UNREACHABLE -> "cannot reach the camera (" + detail + ")";
			default -> "ffmpeg recorded no video: " + detail;
		};
	}

}
