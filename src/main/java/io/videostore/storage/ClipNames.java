package io.videostore.storage;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Clip file names, as the original service made them
 * ({@code <createdOn>_<Device_name>.mp4}) but safe: only letters, digits, {@code _ . -},
 * never starting with a dot or dash, and bounded in length.
 */
public final class ClipNames {

	private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss");

	private static final int MAX_STEM = 150;

	private ClipNames() {
	}

	/**
	 * Name for an alarm's clip:
	 * {@code 2019-08-29T12-26-24_Project_D4_Alarming_machine.mp4}.
	 */
	public static String forAlarm(LocalDateTime createdOn, String deviceName) {
		return forAlarm(createdOn, deviceName, null);
	}

	/**
	 * Name for an alarm's clip from one of several cameras:
	 * {@code 2019-08-29T12-26-24_Project_D4_Alarming_machine_gate.mp4}; a null camera id
	 * adds nothing.
	 */
	public static String forAlarm(LocalDateTime createdOn, String deviceName, String cameraId) {
		String device = (deviceName == null || deviceName.isBlank()) ? "unknown_device" : deviceName;
		String stem = sanitize(STAMP.format(createdOn) + "_" + device.replace(' ', '_'));
		// Camera ids are letters, digits, _ and - (config checks): safe as they are.
		return (cameraId == null) ? stem + ".mp4" : stem + "_" + cameraId + ".mp4";
	}

	/** Name for a {@code --test-recording} clip of a camera. */
	public static String forTest(Instant now, String cameraId) {
		return sanitize(STAMP.format(LocalDateTime.ofInstant(now, ZoneOffset.UTC)) + "_test_" + cameraId) + ".mp4";
	}

	static String sanitize(String stem) {
		StringBuilder sb = new StringBuilder();
		stem.codePoints()
			.filter((c) -> Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-')
			.forEach(sb::appendCodePoint);
		String s = sb.toString().strip();
		while (!s.isEmpty() && (s.charAt(0) == '.' || s.charAt(0) == '-')) {
			s = s.substring(1);
		}
		if (s.length() > MAX_STEM) {
			s = s.substring(0, MAX_STEM);
		}
		return s.isEmpty() ? "clip" : s;
	}

}
