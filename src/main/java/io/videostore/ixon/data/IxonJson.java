package io.videostore.ixon.data;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;

import tools.jackson.databind.JsonNode;

/**
 * Tolerant reading of IXON's JSON: a missing, null or oddly typed field gives an empty
 * value, never an exception, since which fields IXON fills is not always documented.
 */
final class IxonJson {

	// ISO date-times with or without fraction and offset ("Z", "+02:00", "+0200", "+02"),
	// and a space instead of the "T": IXON's exact format is unconfirmed.
	private static final DateTimeFormatter TIME = new DateTimeFormatterBuilder().parseCaseInsensitive()
		.append(DateTimeFormatter.ISO_LOCAL_DATE)
		.appendPattern("['T'][' ']")
		.append(DateTimeFormatter.ISO_LOCAL_TIME)
		.optionalStart()
		.appendOffset("+HH:MM:ss", "Z")
		.optionalEnd()
		.optionalStart()
		.appendOffset("+HHMMss", "Z")
		.optionalEnd()
		.optionalStart()
		.appendOffset("+HH", "Z")
		.optionalEnd()
		.toFormatter();

	private IxonJson() {
	}

	/**
	 * The text at a dotted path ({@code source.publicId}); numbers and booleans as text;
	 * empty when missing, null or an object.
	 */
	static String text(JsonNode node, String path) {
		JsonNode value = at(node, path);
		return (value.isValueNode() && !value.isNull()) ? value.asString("") : "";
	}

	/** The whole number at a dotted path (a number or numeric text), else 0. */
	static long number(JsonNode node, String path) {
		JsonNode value = at(node, path);
		if (value.isNumber()) {
			return value.isIntegralNumber() ? value.asLong(0) : (long) value.asDouble(0);
		}
		try {
			return value.isString() ? Long.parseLong(value.asString("").strip()) : 0;
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	/**
	 * An ISO date-time as an instant: UTC when it has no offset, epoch milliseconds when
	 * it is all digits; null when unreadable.
	 */
	static Instant instant(String text) {
		String s = (text != null) ? text.strip() : "";
		if (s.isEmpty()) {
			return null;
		}
		try {
			if (s.chars().allMatch(Character::isDigit)) {
				return Instant.ofEpochMilli(Long.parseLong(s));
			}
			TemporalAccessor parsed = TIME.parseBest(s, OffsetDateTime::from, LocalDateTime::from);
			return (parsed instanceof OffsetDateTime odt) ? odt.toInstant()
					: ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
		}
		catch (DateTimeParseException | NumberFormatException ex) {
			return null;
		}
	}

	/**
	 * A logged value: {@code Boolean}, {@code Long} (whole numbers that fit),
	 * {@code Double}, {@code String}, or null; anything else as its JSON text.
	 */
	static Object value(JsonNode node) {
		if (node == null || node.isNull() || node.isMissingNode()) {
			return null;
		}
		if (node.isBoolean()) {
			return node.asBoolean();
		}
		if (node.isIntegralNumber()) {
			return node.canConvertToLong() ? (Object) node.asLong() : (Object) node.asDouble();
		}
		if (node.isNumber()) {
			return node.asDouble();
		}
		return node.isString() ? node.asString() : node.toString();
	}

	private static JsonNode at(JsonNode node, String path) {
		JsonNode at = node;
		for (String name : path.split("\\.")) {
			at = at.path(name);
		}
		return at;
	}

}
