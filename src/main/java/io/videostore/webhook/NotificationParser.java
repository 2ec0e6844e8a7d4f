package io.videostore.webhook;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Parses a Cloud Notify body: a JSON object, or a JSON string holding one (the original
 * service's test sent that; whether IXON does is unconfirmed, so both are accepted). Only
 * {@code createdOn} is required; unknown fields are kept in the stored payload and
 * otherwise ignored.
 */
class NotificationParser {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * The range of createdOn accepted: far wider than any real alarm, narrow enough that
	 * time arithmetic on it (windows, ages, storage as epoch milliseconds) cannot
	 * overflow.
	 */
	static final LocalDateTime EARLIEST = LocalDateTime.of(1970, 1, 1, 0, 0);

	static final LocalDateTime LATEST = LocalDateTime.of(9999, 12, 31, 23, 59, 59);

	/** A message stored whole at most this size (UTF-8); Cloud Notify's are ~1 KB. */
	static final int MAX_STORED_PAYLOAD_BYTES = 8 * 1024;

	static final int MAX_STORED_FIELD_CHARS = 256;

	/**
	 * Text values (device name, alarm text…) are cut to this for matching, the index's
	 * columns and clip names; IXON's are well under 200 characters.
	 */
	static final int MAX_TEXT_CHARS = 512;

	private static final String[] STORED_FIELDS = { "createdOn", "companyId", "companyName", "systemLabel",
			"shortContent", "longContent", "alarmRateLimitTill", "userName", "userId" };

	private static final String[] TEXT_FIELDS = { "companyId", "companyName", "systemLabel", "shortContent",
			"longContent", "userName", "userId" };

	CloudNotification parse(byte[] body) {
		JsonNode root = read(body, "body");
		if (root.isString()) {
			root = read(root.asString().getBytes(java.nio.charset.StandardCharsets.UTF_8), "body (JSON string)");
		}
		if (!root.isObject()) {
			throw new InvalidNotificationException("body",
					"expected a JSON object (or a JSON string holding one), got " + kind(root));
		}
		for (String field : TEXT_FIELDS) {
			text(root, field);
		}
		return new CloudNotification(createdOn(root), text(root, "companyId"), text(root, "companyName"),
				text(root, "systemLabel"), text(root, "shortContent"), text(root, "longContent"),
				scalar(root.get("alarmRateLimitTill"), "alarmRateLimitTill"), extraInfo(root), storedPayload(root));
	}

	/**
	 * What is stored of the message: all of it up to {@link #MAX_STORED_PAYLOAD_BYTES}; a
	 * larger one (machine variables by the hundred, or a sender filling the database) is
	 * stored as the fields the service uses, each cut to {@link #MAX_STORED_FIELD_CHARS},
	 * and a note of the original size, which keeps every stored alarm under about 12 KB.
	 */
	static String storedPayload(JsonNode root) {
		String full = JSON.writeValueAsString(root);
		int bytes = full.getBytes(StandardCharsets.UTF_8).length;
		if (bytes <= MAX_STORED_PAYLOAD_BYTES) {
			return full;
		}
		ObjectNode kept = JSON.createObjectNode();
		kept.put("payloadTruncated", "the message was " + bytes + " bytes; stored are the fields used, each cut to "
				+ MAX_STORED_FIELD_CHARS + " characters");
		for (String field : STORED_FIELDS) {
			JsonNode value = root.get(field);
			if (value != null && value.isValueNode()) {
				kept.put(field, cut(value.asString(), MAX_STORED_FIELD_CHARS));
			}
		}
		JsonNode extra = root.get("extraInfo");
		if (extra != null && extra.isObject()) {
			ObjectNode keptExtra = kept.putObject("extraInfo");
			for (String key : new String[] { "Device ID", "Device name" }) {
				JsonNode value = extra.get(key);
				if (value != null && value.isValueNode()) {
					keptExtra.put(key, cut(value.asString(), MAX_STORED_FIELD_CHARS));
				}
			}
		}
		return JSON.writeValueAsString(kept);
	}

	private static String cut(String text, int max) {
		// PostgreSQL text cannot hold U+0000 (SQLite can): one hostile device name would
		// make the alarm impossible to store there.
		String s = (text != null && text.indexOf('\0') >= 0) ? text.replace('\0', '\uFFFD') : text;
		if (s == null || s.length() <= max) {
			return s;
		}
		int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
		return s.substring(0, end) + "…";
	}

	private static JsonNode read(byte[] body, String what) {
		if (body.length == 0) {
			throw new InvalidNotificationException("body", "the body is empty; expected a Cloud Notify JSON object");
		}
		try {
			return JSON.readTree(body);
		}
		catch (JacksonException ex) {
			throw new InvalidNotificationException("body", what + " is not valid JSON: " + ex.getOriginalMessage());
		}
	}

	private static LocalDateTime createdOn(JsonNode root) {
		JsonNode node = root.get("createdOn");
		if (node == null || node.isNull()) {
			throw new InvalidNotificationException("createdOn",
					"createdOn is missing; expected e.g. \"2026-11-26T12:26:24\"");
		}
		if (!node.isString()) {
			throw new InvalidNotificationException("createdOn",
					"createdOn: expected a date-time string, got " + kind(node));
		}
		String value = node.asString().trim();
		LocalDateTime createdOn = parseDateTime(value);
		if (createdOn == null) {
			throw new InvalidNotificationException("createdOn",
					"createdOn: expected an ISO date-time like \"2026-11-26T12:26:24\", got \"" + abbreviate(value)
							+ "\"");
		}
		if (createdOn.isBefore(EARLIEST) || createdOn.isAfter(LATEST)) {
			throw new InvalidNotificationException("createdOn", "createdOn: " + abbreviate(value)
					+ " is outside the years " + EARLIEST.getYear() + " to " + LATEST.getYear());
		}
		return createdOn;
	}

	/**
	 * The date-time in UTC, or null when it is none. Tolerated: an explicit offset,
	 * converted to UTC like the offset-less form; converting can overflow at the ends of
	 * the range of dates.
	 */
	private static LocalDateTime parseDateTime(String value) {
		try {
			return LocalDateTime.parse(value);
		}
		catch (DateTimeParseException ex) {
			try {
				return OffsetDateTime.parse(value).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
			}
			catch (DateTimeException ex2) {
				return null;
			}
		}
	}

	private static String text(JsonNode root, String field) {
		JsonNode node = root.get(field);
		if (node == null || node.isNull()) {
			return null;
		}
		if (!node.isString()) {
			throw new InvalidNotificationException(field, field + ": expected a string, got " + kind(node));
		}
		return cut(node.asString(), MAX_TEXT_CHARS);
	}

	private static Map<String, String> extraInfo(JsonNode root) {
		JsonNode node = root.get("extraInfo");
		Map<String, String> values = new LinkedHashMap<>();
		if (node == null || node.isNull()) {
			return values;
		}
		if (!node.isObject()) {
			throw new InvalidNotificationException("extraInfo", "extraInfo: expected an object, got " + kind(node));
		}
		for (Map.Entry<String, JsonNode> e : node.properties()) {
			String value = scalar(e.getValue(), "extraInfo." + e.getKey());
			if (value != null) {
				values.put(e.getKey(), value);
			}
		}
		for (String key : new String[] { "Device ID", "Device name" }) {
			JsonNode v = node.get(key);
			if (v != null && !v.isNull() && !v.isString()) {
				throw new InvalidNotificationException("extraInfo." + key,
						"extraInfo.\"" + key + "\": expected a string, got " + kind(v));
			}
		}
		return values;
	}

	private static String scalar(JsonNode node, String field) {
		if (node == null || node.isNull()) {
			return null;
		}
		if (node.isContainer()) {
			throw new InvalidNotificationException(field, field + ": expected a single value, got " + kind(node));
		}
		return cut(node.asString(), MAX_TEXT_CHARS);
	}

	private static String kind(JsonNode node) {
		if (node.isObject()) {
			return "an object";
		}
		if (node.isArray()) {
			return "an array";
		}
		if (node.isNumber()) {
			return "a number";
		}
		if (node.isBoolean()) {
			return "a boolean";
		}
		return node.isString() ? "a string" : "null";
	}

	private static String abbreviate(String s) {
		return (s.length() > 40) ? s.substring(0, 40) + "…" : s;
	}

}
