package io.videostore.config.loader;

import java.util.ArrayList;
import java.util.List;

import io.videostore.config.NotifyConfig;

/** Reads {@code notify.webhooks: [{url, secret}]}. */
final class NotifyReader {

	private NotifyReader() {
	}

	static NotifyConfig read(YamlMap notify) {
		List<NotifyConfig.Target> targets = new ArrayList<>();
		List<YamlValue> entries = notify.fileValue("webhooks")
			.map((value) -> value.items("a list of {url, secret}"))
			.orElse(List.of());
		for (YamlValue entry : entries) {
			YamlMap map = entry.map("a map with url and secret");
			YamlValue url = map.value("url").orElseThrow(() -> map.missing("url", "the receiver's http(s) URL"));
			String text = url.string().strip();
			if (!text.matches("(?i)https?://[^\\s/]+.*")) {
				throw url.error("an http or https URL");
			}
			targets.add(new NotifyConfig.Target(text, map.string("secret", "").strip()));
			map.warnUnread();
		}
		notify.warnUnread();
		return new NotifyConfig(targets);
	}

}
