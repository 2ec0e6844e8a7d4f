package io.videostore.clips;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;

/**
 * What happened to an alarm when it arrived: its kind, for metrics and filters, and the
 * sentence stored in the index (the text earlier versions wrote, so existing databases
 * read the same).
 *
 * @param kind the kind of outcome
 * @param text the stored sentence, e.g. {@code rejected: queue full}
 */
public record AlarmOutcome(Kind kind, String text) {

	/** Kinds of outcome; each stored text starts with its kind's tag. */
	public enum Kind {

		/** At least one camera records it. */
		ACCEPTED,
		/**
		 * The same alarm arrived moments ago: linked to that one, nothing new recorded.
		 */
		DUPLICATE,
		/** No camera's match rules select it (or it is no alarm). */
		IGNORED,
		/** Too old to record anything relevant. */
		EXPIRED,
		/** Nothing recorded: the queue was full or the service was stopping. */
		REJECTED;

		/** The lower-case name: a metric tag and the first word of the stored text. */
		public String tag() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	public static AlarmOutcome accepted() {
		return new AlarmOutcome(Kind.ACCEPTED, "accepted");
	}

	/** Accepted by some cameras while the queue had no room for these. */
	public static AlarmOutcome acceptedExceptFor(List<String> fullCameras) {
		return new AlarmOutcome(Kind.ACCEPTED, "accepted; queue full for camera(s) " + String.join(", ", fullCameras));
	}

	/**
	 * Accepted by some cameras while these found their share of the queue full, with why
	 * (each reason once; none when a single instance's whole queue is full).
	 */
	public static AlarmOutcome acceptedExceptFor(List<String> fullCameras, List<String> reasons) {
		return new AlarmOutcome(Kind.ACCEPTED, acceptedExceptFor(fullCameras).text() + because(reasons));
	}

	public static AlarmOutcome duplicateOf(long alarmId) {
		return new AlarmOutcome(Kind.DUPLICATE, "duplicate of alarm " + alarmId);
	}

	public static AlarmOutcome noCameraMatches() {
		return new AlarmOutcome(Kind.IGNORED, "ignored: no camera matches");
	}

	public static AlarmOutcome expired(LocalDateTime createdOn) {
		return new AlarmOutcome(Kind.EXPIRED,
				"expired: createdOn " + createdOn + " UTC is too long ago to record anything relevant");
	}

	public static AlarmOutcome queueFull() {
		return new AlarmOutcome(Kind.REJECTED, "rejected: queue full");
	}

	/**
	 * Nothing recorded: every camera's share of the queue was full, with why (each reason
	 * once; none when a single instance's whole queue is full).
	 */
	public static AlarmOutcome queueFull(List<String> reasons) {
		return new AlarmOutcome(Kind.REJECTED, queueFull().text() + because(reasons));
	}

	private static String because(List<String> reasons) {
		List<String> said = reasons.stream().filter((r) -> r != null && !r.isEmpty()).distinct().toList();
		return said.isEmpty() ? "" : ": " + String.join("; ", said);
	}

	public static AlarmOutcome stopping() {
		return new AlarmOutcome(Kind.REJECTED, "rejected: service stopping");
	}

	/**
	 * The outcome of a stored text; null for null (an alarm still undecided).
	 * @throws IllegalArgumentException for a text no version wrote
	 */
	public static AlarmOutcome of(String text) {
		if (text == null) {
			return null;
		}
		for (Kind kind : Kind.values()) {
			if (text.startsWith(kind.tag())) {
				return new AlarmOutcome(kind, text);
			}
		}
		throw new IllegalArgumentException("not an alarm outcome: '" + text + "'");
	}

}
