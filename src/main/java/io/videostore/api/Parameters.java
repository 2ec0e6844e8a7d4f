package io.videostore.api;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.videostore.clips.search.AlarmOrder;
import io.videostore.clips.search.AlarmStatus;

/**
 * Request parameters read strictly: a value that cannot be used is a 400 naming its
 * parameter, never a guess and never a 500.
 */
public final class Parameters {

	/** The largest page the list answers. */
	static final int MAX_SIZE = 200;

	static final int DEFAULT_SIZE = 50;

	/** Longer texts than any alarm's are refused rather than searched. */
	private static final int MAX_TEXT = 512;

	private static final List<String> OUTCOMES = java.util.Arrays.stream(AlarmStatus.values())
		.map(AlarmStatus::value)
		.toList();

	private static final List<String> SORT_FIELDS = java.util.Arrays.stream(AlarmOrder.Field.values())
		.map(AlarmOrder.Field::apiName)
		.toList();

	private Parameters() {
	}

	/** The earliest and latest instant a parameter may name: four-digit years. */
	static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

	static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

	/**
	 * An ISO-8601 instant, date-time with offset, or date (its UTC midnight), with a
	 * four-digit year; or null.
	 */
	static Instant instant(String name, String value) {
		Instant instant = anyInstant(name, value);
		if (instant != null && (instant.isBefore(EARLIEST) || instant.isAfter(LATEST))) {
			throw new BadParameterException(name, "a time between 0001-01-01 and 9999-12-31");
		}
		return instant;
	}

	private static Instant anyInstant(String name, String value) {
		if (blank(value)) {
			return null;
		}
		String v = value.trim();
		try {
			return Instant.parse(v);
		}
		catch (DateTimeException ex) {
			// try the other forms
		}
		try {
			return OffsetDateTime.parse(v).toInstant();
		}
		catch (DateTimeException ex) {
			// try a date
		}
		try {
			return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
		}
		catch (DateTimeException ex) {
			throw new BadParameterException(name,
					"not an ISO-8601 instant such as 2026-11-26T12:00:00Z (or a date, 2026-11-26)");
		}
	}

	/** A time zone such as {@code Europe/Amsterdam}; UTC when absent. */
	public static ZoneId zone(String value) {
		if (blank(value)) {
			return ZoneOffset.UTC;
		}
		try {
			return ZoneId.of(value.trim());
		}
		catch (DateTimeException ex) {
			throw new BadParameterException("zone", "not a time zone; use a region such as Europe/Amsterdam, or UTC");
		}
	}

	/** A free text; null when absent. */
	static String text(String name, String value) {
		if (blank(value)) {
			return null;
		}
		if (value.length() > MAX_TEXT) {
			throw new BadParameterException(name, "longer than " + MAX_TEXT + " characters");
		}
		return value.trim();
	}

	/** Outcome words, each of {@link AlarmStatus}, repeated or comma-separated. */
	static Set<AlarmStatus> outcomes(List<String> values) {
		Set<AlarmStatus> outcomes = EnumSet.noneOf(AlarmStatus.class);
		if (values == null) {
			return outcomes;
		}
		for (String value : values) {
			for (String word : value.split(",")) {
				if (!word.isBlank()) {
					try {
						outcomes.add(AlarmStatus.of(word));
					}
					catch (IllegalArgumentException ex) {
						throw new BadParameterException("outcome", "use any of " + OUTCOMES + " (recorded = done)");
					}
				}
			}
		}
		return outcomes;
	}

	/** {@code field} or {@code field,asc|desc}; newest first when absent. */
	static AlarmOrder order(String value) {
		if (blank(value)) {
			return AlarmOrder.NEWEST;
		}
		String[] parts = value.split(",", -1);
		if (parts.length > 2) {
			throw badSort();
		}
		AlarmOrder.Field field;
		try {
			field = AlarmOrder.Field.of(parts[0]);
		}
		catch (IllegalArgumentException ex) {
			throw badSort();
		}
		String direction = (parts.length == 2) ? parts[1].trim().toLowerCase(java.util.Locale.ROOT) : "asc";
		if (!direction.equals("asc") && !direction.equals("desc")) {
			throw badSort();
		}
		return new AlarmOrder(field, direction.equals("desc"));
	}

	private static BadParameterException badSort() {
		return new BadParameterException("sort",
				"use one of " + SORT_FIELDS + ", optionally followed by ,asc or ,desc (e.g. createdOn,desc)");
	}

	/** A page number from 0. */
	static int page(Integer value) {
		if (value == null) {
			return 0;
		}
		if (value < 0) {
			throw new BadParameterException("page", "must be 0 or more (the first page is 0)");
		}
		return value;
	}

	/** A page size from 1 to {@link #MAX_SIZE}. */
	static int size(Integer value) {
		if (value == null) {
			return DEFAULT_SIZE;
		}
		if (value < 1 || value > MAX_SIZE) {
			throw new BadParameterException("size", "must be from 1 to " + MAX_SIZE);
		}
		return value;
	}

	/** An id: a positive number. */
	static long id(String name, long value) {
		if (value < 1) {
			throw new BadParameterException(name, "must be a positive number");
		}
		return value;
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

}
