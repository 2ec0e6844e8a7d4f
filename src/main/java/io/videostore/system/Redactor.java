package io.videostore.system;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Removes secrets from text that may reach a log, an exception message or a user:
 * credentials inside URLs, IXON web-access auth codes, Authorization headers, and any
 * known secret value.
 */
public final class Redactor {

	private static final Pattern URL_USERINFO = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/\\s'\"]+@");

	private static final Pattern AUTH_PARAM = Pattern
		.compile("(?i)([?&](?:auth|token|access_token|secret|password)=)[^&\\s'\"]+");

	private static final Pattern AUTH_HEADER = Pattern.compile("(?i)(authorization:\\s*\\w+\\s+)\\S+");

	private static final String MASK = "****";

	private Redactor() {
	}

	/**
	 * The text with URL credentials, auth query parameters, Authorization headers and the
	 * given secrets masked.
	 */
	public static String redact(String text, Collection<String> secrets) {
		if (text == null) {
			return null;
		}
		String out = URL_USERINFO.matcher(text).replaceAll("$1" + MASK + "@");
		out = AUTH_PARAM.matcher(out).replaceAll("$1" + MASK);
		out = AUTH_HEADER.matcher(out).replaceAll("$1" + MASK);
		// Longest first: a secret that starts with a shorter one must not leave its end
		// behind. Very short values would mask ordinary words; such secrets are not worth
		// protecting this way.
		List<String> bySize = secrets.stream()
			.filter((secret) -> secret != null && secret.length() >= 4)
			.sorted(Comparator.comparingInt(String::length).reversed())
			.toList();
		for (String secret : bySize) {
			out = out.replace(secret, MASK);
		}
		return out;
	}

	/**
	 * The text with URL credentials, auth query parameters and Authorization headers
	 * masked.
	 */
	public static String redact(String text) {
		return redact(text, List.of());
	}

}
