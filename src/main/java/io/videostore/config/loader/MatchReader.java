package io.videostore.config.loader;

import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.videostore.config.MatchRules;

/**
 * Reads {@code cameras[n].match.*}: which alarms trigger the camera.
 */
final class MatchReader {

	private MatchReader() {
	}

	static MatchRules read(YamlMap match) {
		MatchRules rules = new MatchRules(false, strings(match, "device_id"), strings(match, "device_name"),
				strings(match, "company_id"), strings(match, "system_label"),
				match.value("text").map(MatchReader::pattern).orElse(null));
		match.warnUnread();
		return rules;
	}

	private static List<String> strings(YamlMap match, String key) {
		return match.value(key)
			.map((value) -> value.strings("a string or a list of strings"))
			.orElse(List.of())
			.stream()
			.map(String::strip)
			.filter((text) -> !text.isEmpty())
			.toList();
	}

	private static Pattern pattern(YamlValue value) {
		String regex = value.string();
		if (regex.isBlank()) {
			return null;
		}
		try {
			return Pattern.compile(regex);
		}
		catch (PatternSyntaxException ex) {
			throw value.error("a regular expression (" + ex.getDescription() + ")");
		}
	}

}
