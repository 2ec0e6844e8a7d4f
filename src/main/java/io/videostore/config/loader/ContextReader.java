package io.videostore.config.loader;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import io.videostore.config.ContextConfig;

/** Reads {@code context.*} and a camera's {@code context.tags}. */
final class ContextReader {

	static final int MAX_TAGS = 50;

	/** IXON's slugs: letters, digits, {@code _ [ ] -}, at most 64. */
	private static final Pattern SLUG = Pattern.compile("[A-Za-z0-9_\\[\\]-]{1,64}");

	private ContextReader() {
	}

	static ContextConfig read(YamlMap context) {
		ContextConfig d = ContextConfig.DEFAULTS;
		boolean enabled = context.value("enabled").map(YamlValue::bool).orElse(d.enabled());
		Duration grace = context.value("grace").map((v) -> v.seconds(true)).orElse(d.grace());
		Duration margin = context.value("margin").map((v) -> v.seconds(true)).orElse(d.margin());
		int maxTags = context.value("max_tags").map(ContextReader::maxTags).orElse(d.maxTags());
		context.warnUnread();
		return new ContextConfig(enabled, grace, margin, maxTags);
	}

	/** A camera's {@code context.tags}: the slugs of the tags shown beside its clips. */
	static List<String> tags(YamlMap cameraContext) {
		List<String> tags = cameraContext.value("tags").map(ContextReader::slugs).orElse(List.of());
		cameraContext.warnUnread();
		return tags;
	}

	private static List<String> slugs(YamlValue value) {
		List<String> slugs = value.strings("a tag slug or a list of them").stream().map(String::strip).toList();
		for (String slug : slugs) {
			if (!SLUG.matcher(slug).matches()) {
				throw value.error("IXON tag slugs (letters, digits, '_', '[', ']', '-', at most 64 each)");
			}
		}
		if (slugs.size() > MAX_TAGS) {
			throw value.error("at most " + MAX_TAGS + " tags");
		}
		return List.copyOf(slugs);
	}

	private static int maxTags(YamlValue value) {
		int n = value.wholeNumber("a whole number from 1 to " + MAX_TAGS);
		if (n < 1 || n > MAX_TAGS) {
			throw value.error("a whole number from 1 to " + MAX_TAGS);
		}
		return n;
	}

}
