package io.videostore.system;

/**
 * Text from outside (an alarm's device name or message, a parse error quoting a body)
 * made safe for one log line: control characters, line and paragraph separators and
 * bidirectional overrides escaped ({@code \n}, {@code \u001b}…), so a sender can neither
 * forge log lines nor send escape sequences to a terminal; and cut to a length that keeps
 * the line short.
 */
public final class LogText {

	/** Characters of outside text a log line shows at most. */
	public static final int MAX_CHARS = 200;

	private LogText() {
	}

	/** The text escaped and cut to {@link #MAX_CHARS}; null stays "null". */
	public static String of(String text) {
		return of(text, MAX_CHARS);
	}

	/**
	 * The text escaped and cut to {@code max} characters, for a line that must carry all
	 * of it (an alarm that could not be stored).
	 */
	public static String of(String text, int max) {
		if (text == null) {
			return "null";
		}
		int end = Math.min(text.length(), max);
		if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
			end--;
		}
		StringBuilder out = new StringBuilder(end + 16);
		for (int i = 0; i < end; i++) {
			char c = text.charAt(i);
			switch (c) {
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				case '\\' -> out.append("\\\\");
				default -> out.append(unsafe(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
			}
		}
		if (end < text.length()) {
			out.append("…(").append(text.length()).append(" chars)");
		}
		return out.toString();
	}

	private static boolean unsafe(char c) {
		return Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || (c >= '\u202a' && c <= '\u202e')
				|| (c >= '\u2066' && c <= '\u2069') || c == '\u200e' || c == '\u200f';
	}

}
