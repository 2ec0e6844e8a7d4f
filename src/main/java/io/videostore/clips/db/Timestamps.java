package io.videostore.clips.db;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Instants as stored text: UTC ISO-8601 with exactly three fraction digits.
 * <p>
 * Not {@link Instant#toString()}: its width varies ({@code 10:00:00Z} sorts after
 * {@code 10:00:00.5Z}), and the duplicate lookup compares stored times as text, which
 * only works when every value has the same width.
 */
public final class Timestamps {

	private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
		.withZone(ZoneOffset.UTC);

	private Timestamps() {
	}

	/** Stored text of an instant (truncated to milliseconds), or null. */
	public static String format(Instant instant) {
		return (instant != null) ? FORMAT.format(instant) : null;
	}

	/**
	 * Stored text of a UTC date-time without offset, such as IXON's {@code createdOn}, or
	 * null.
	 */
	public static String format(LocalDateTime utc) {
		return (utc != null) ? format(utc.toInstant(ZoneOffset.UTC)) : null;
	}

	public static Instant parse(String text) {
		return (text != null) ? Instant.parse(text) : null;
	}

	public static LocalDateTime parseLocal(String text) {
		return (text != null) ? LocalDateTime.ofInstant(Instant.parse(text), ZoneOffset.UTC) : null;
	}

}
