package io.videostore.storage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Clip file names, as the original service made them
 * ({@code <createdOn>_<Device_name>.mp4}) but safe under any locale: ASCII letters,
 * digits and {@code _ . -} only, never starting with a dot or dash, and at most 150 bytes
 * before the camera id and extension (a file name may have 255). Other scripts are
 * transliterated ({@code Presse Köln} → {@code Presse_Koln}); where letters had no ASCII
 * spelling (CJK) a short hash of the device name keeps different devices apart.
 */
public final class ClipNames {

	private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss");

	private static final Pattern STAMPED = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}-\\d{2}-\\d{2}.*",
			Pattern.DOTALL);

	/** Bytes before {@code _<camera>} and {@code _<n>.mp4}; all ASCII, so chars too. */
	static final int MAX_STEM = 150;

	private static final int HASH_CHARS = 8;

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
		String stem = stem(STAMP.format(createdOn), deviceName);
		// Camera ids are ASCII letters, digits, _ and - (config checks): safe as they
		// are.
		return (cameraId == null) ? stem + ".mp4" : stem + "_" + cameraId + ".mp4";
	}

	/** Name for a {@code --test-recording} clip of a camera. */
	public static String forTest(Instant now, String cameraId) {
		return sanitize(STAMP.format(LocalDateTime.ofInstant(now, ZoneOffset.UTC)) + "_test_" + cameraId) + ".mp4";
	}

	/**
	 * A name made without the device name, for a clip whose wanted name the file system
	 * refused: {@code <createdOn>_clip_<hash of the wanted name>.mp4}, the time taken
	 * from the wanted name when it starts with one.
	 */
	static String fallback(String wanted, Instant now) {
		String stamp = STAMPED.matcher(wanted).matches() ? wanted.substring(0, 19)
				: STAMP.format(LocalDateTime.ofInstant(now, ZoneOffset.UTC));
		return stamp + "_clip_" + hash(wanted) + (wanted.endsWith(".mp4") ? ".mp4" : "");
	}

	private static String stem(String stamp, String deviceName) {
		if (deviceName == null || deviceName.isBlank()) {
			return stamp + "_unknown_device";
		}
		Transliteration device = Transliteration.of(deviceName);
		String stem = sanitize(stamp + "_" + device.text().replace(' ', '_'));
		boolean nameless = stem.chars().skip(stamp.length()).noneMatch(ClipNames::isAsciiLetterOrDigit);
		if (nameless) {
			return stamp + "_" + hash(deviceName);
		}
		if (device.dropped()) {
			// Two CJK names that differ only in what was dropped must not share a name.
			String suffix = "_" + hash(deviceName);
			return stem.substring(0, Math.min(stem.length(), MAX_STEM - suffix.length())) + suffix;
		}
		return stem;
	}

	static String sanitize(String stem) {
		StringBuilder sb = new StringBuilder();
		stem.chars()
			.filter((c) -> isAsciiLetterOrDigit(c) || c == '_' || c == '.' || c == '-')
			.forEach((c) -> sb.append((char) c));
		String s = sb.toString();
		while (!s.isEmpty() && (s.charAt(0) == '.' || s.charAt(0) == '-')) {
			s = s.substring(1);
		}
		if (s.length() > MAX_STEM) {
			s = s.substring(0, MAX_STEM);
		}
		return s.isEmpty() ? "clip" : s;
	}

	private static boolean isAsciiLetterOrDigit(int c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
	}

	/** The first 8 hex digits of the SHA-256 of the text: stable across runs. */
	private static String hash(String text) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest).substring(0, HASH_CHARS);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every JVM has SHA-256", ex);
		}
	}

}
