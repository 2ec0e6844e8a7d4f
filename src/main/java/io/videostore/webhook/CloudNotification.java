package io.videostore.webhook;

import java.time.LocalDateTime;
import java.util.Map;

/**
 * One IXON Cloud Notify message, validated.
 *
 * @param createdOn when IXON created the message, UTC (the payload carries no offset)
 * @param companyId IXON company publicId
 * @param companyName company name
 * @param systemLabel message kind, e.g. {@code alarm-medium} or {@code device-transfer}
 * @param shortContent one-line text, e.g. "Gripper pressure low of Line 4 was triggered
 * at …"
 * @param longContent operator instructions
 * @param alarmRateLimitTill IXON's rate-limit marker, as sent (may be null)
 * @param extraInfo {@code extraInfo} as text values: Device ID, Device name and machine
 * variables
 * @param payload the notification object as JSON text, stored as received
 */
record CloudNotification(LocalDateTime createdOn, String companyId, String companyName, String systemLabel,
		String shortContent, String longContent, String alarmRateLimitTill, Map<String, String> extraInfo,
		String payload) {

	CloudNotification {
		extraInfo = Map.copyOf(extraInfo);
	}

	public String deviceId() {
		return extraInfo.getOrDefault("Device ID", "");
	}

	public String deviceName() {
		return extraInfo.getOrDefault("Device name", "");
	}

	/**
	 * True for alarm messages: {@code systemLabel} starting with {@code alarm}
	 * ({@code alarm-medium} is the only label observed). A message without a label counts
	 * as an alarm: losing one costs more than a clip.
	 */
	public boolean isAlarm() {
		return systemLabel == null || systemLabel.isBlank()
				|| systemLabel.toLowerCase(java.util.Locale.ROOT).startsWith("alarm");
	}

	/**
	 * What makes two messages "the same alarm again": company, device, kind and text with
	 * its digits removed (the text embeds the time of each occurrence), so IXON re-sends
	 * and a flapping alarm both match.
	 */
	public String dedupeKey() {
		String text = (shortContent == null) ? "" : shortContent.replaceAll("[0-9]", "");
		return String.join("|", nz(companyId), nz(deviceId()), nz(deviceName()), nz(systemLabel), text);
	}

	private static String nz(String s) {
		return (s == null) ? "" : s;
	}

}
