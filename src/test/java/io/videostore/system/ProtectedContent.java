package io.videostore.system;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.videostore.testcam.RawHttp.Answer;

/**
 * What only a logged-in caller (or this machine) may see, recognised in an answer:
 * metrics, health's details, alarms, cameras, CSV exports, the OpenAPI description, MP4
 * and JPEG bytes.
 */
final class ProtectedContent {

	private static final List<String> MARKERS = List.of("# HELP", "# TYPE", "\"components\"", "\"details\"",
			"\"alarmId\"", "\"deviceName\"", "\"outcomeText\"", "\"jobs\"", "\"Demo camera\"", "\"openapi\"",
			"id,createdOn,receivedAt", "time,source,tag,unit,value");

	/** What the webhook's receipt holds: the sender's own alarm, not protected data. */
	private static final List<String> RECEIPT = List.of("\"alarmId\"", "\"jobs\"");

	private static final byte[] MP4 = "ftyp".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] JPEG = { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF };

	private ProtectedContent() {
	}

	/**
	 * What protected content the answer's body holds, or null for none.
	 */
	static String in(Answer answer, String device, boolean webhook) {
		String body = answer.body();
		for (String marker : MARKERS) {
			if (body.contains(marker) && !(webhook && RECEIPT.contains(marker))) {
				return "body holds " + marker;
			}
		}
		if (body.contains(device)) {
			return "body holds the seeded alarm's device name";
		}
		byte[] bytes = answer.bytes();
		if (indexOf(bytes, MP4) >= 0) {
			return "body holds MP4 bytes (ftyp)";
		}
		if (indexOf(bytes, JPEG) >= 0) {
			return "body holds JPEG bytes";
		}
		return null;
	}

	private static int indexOf(byte[] bytes, byte[] part) {
		outer: for (int i = 0; i + part.length <= bytes.length; i++) {
			for (int j = 0; j < part.length; j++) {
				if (bytes[i + j] != part[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

}
