package io.videostore.api;

import java.util.Optional;

/**
 * The one byte range of a {@code Range} header (RFC 9110 §14.1.2):
 * {@code bytes=first-last}, {@code bytes=first-} or the suffix {@code bytes=-length}.
 *
 * @param first the first byte, or {@link #ABSENT} for a suffix range
 * @param last the last byte, {@link #ABSENT} when open; for a suffix range its length
 */
record ByteRange(long first, long last) {

	static final long ABSENT = -1;

	private static final long INVALID = -2;

	private static final String UNIT = "bytes=";

	/**
	 * The range of a header value, or empty when the header is to be ignored: not
	 * {@code bytes}, more than one range, or anything but ASCII digits (a value beyond
	 * {@code long} included), as RFC 9110 lets a server ignore what it cannot use.
	 */
	static Optional<ByteRange> parse(String value) {
		if (value == null || !value.regionMatches(true, 0, UNIT, 0, UNIT.length())) {
			return Optional.empty();
		}
		String spec = value.substring(UNIT.length());
		int dash = spec.indexOf('-');
		if (dash < 0) {
			return Optional.empty();
		}
		long first = number(spec.substring(0, dash));
		long last = number(spec.substring(dash + 1));
		boolean valid = first != INVALID && last != INVALID && (first != ABSENT || last != ABSENT)
				&& (first == ABSENT || last == ABSENT || first <= last);
		return valid ? Optional.of(new ByteRange(first, last)) : Optional.empty();
	}

	/** Digits only: no sign, no space, no other script's digits; empty is absent. */
	private static long number(String digits) {
		if (digits.isEmpty()) {
			return ABSENT;
		}
		for (int i = 0; i < digits.length(); i++) {
			if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
				return INVALID;
			}
		}
		try {
			return Long.parseLong(digits);
		}
		catch (NumberFormatException ex) {
			return INVALID;
		}
	}

	/**
	 * Whether it selects any byte of a representation of {@code size} bytes (else 416).
	 */
	boolean satisfiable(long size) {
		return (this.first == ABSENT) ? this.last > 0 && size > 0 : this.first < size;
	}

	/** The first byte it selects of {@code size} bytes; only when satisfiable. */
	long start(long size) {
		return (this.first == ABSENT) ? Math.max(0, size - this.last) : this.first;
	}

	/** The last byte it selects of {@code size} bytes; only when satisfiable. */
	long end(long size) {
		return (this.first == ABSENT || this.last == ABSENT) ? size - 1 : Math.min(this.last, size - 1);
	}

}
