package io.videostore.context;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what Cloud Notify and IXON's alarm definitions say about an alarm: its name in
 * the notification's text, and the variables its formula uses.
 */
final class AlarmNames {

	/**
	 * IXON writes variables into formulas as {@code $<variableId>} (or {@code #<n>}:
	 * unconfirmed which).
	 */
	private static final Pattern VARIABLE = Pattern.compile("[$#](\\d+)");

	private AlarmNames() {
	}

	/**
	 * The alarm's name in Cloud Notify's {@code shortContent}: "<name> of <device> was
	 * triggered" (the form IXON's notifications take; others are taken whole).
	 */
	static String fromText(String shortContent, String deviceName) {
		String s = (shortContent != null) ? shortContent.strip() : "";
		for (String verb : new String[] { " was triggered", " is active", " went off" }) {
			if (s.toLowerCase(Locale.ROOT).endsWith(verb)) {
				s = s.substring(0, s.length() - verb.length());
				break;
			}
		}
		String of = " of " + ((deviceName != null) ? deviceName.strip() : "");
		if (deviceName != null && !deviceName.isBlank()
				&& s.toLowerCase(Locale.ROOT).endsWith(of.toLowerCase(Locale.ROOT))) {
			s = s.substring(0, s.length() - of.length());
		}
		return s.strip();
	}

	/** True when two alarm names are the same one. */
	static boolean same(String a, String b) {
		return a != null && b != null && a.strip().equalsIgnoreCase(b.strip());
	}

	/** The variableIds a formula refers to, in order of appearance. */
	static Set<Long> variables(String formula) {
		Set<Long> ids = new LinkedHashSet<>();
		if (formula != null) {
			Matcher m = VARIABLE.matcher(formula);
			while (m.find()) {
				ids.add(Long.parseLong(m.group(1)));
			}
		}
		return ids;
	}

}
