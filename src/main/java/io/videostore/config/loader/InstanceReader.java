package io.videostore.config.loader;

import java.time.Duration;
import java.util.regex.Pattern;

import io.videostore.config.InstanceConfig;

/** Reads {@code instance.*}; {@code VIDEOSTORE_INSTANCE_ID} and the like win. */
final class InstanceReader {

	/** Renewed every fifth of it: shorter would make a busy database a takeover. */
	static final Duration MIN_TAKEOVER = Duration.ofSeconds(3);

	static final Duration MAX_TAKEOVER = Duration.ofMinutes(10);

	/** Names that read well in logs, health and the cluster tables. */
	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,62}");

	private InstanceReader() {
	}

	static InstanceConfig read(YamlMap instance) {
		String id = instance.value("id").map(InstanceReader::name).orElse("");
		String site = instance.value("site").map(InstanceReader::name).orElse("");
		Duration takeover = instance.value("takeover_after")
			.map(InstanceReader::takeover)
			.orElse(InstanceConfig.DEFAULT_TAKEOVER);
		instance.warnUnread();
		return new InstanceConfig(id, site, takeover);
	}

	static String name(YamlValue value) {
		String name = value.string().strip();
		if (!name.isEmpty() && !NAME.matcher(name).matches()) {
			throw value.error("a name of letters, digits, '.', '_', ':' or '-' (at most 63)");
		}
		return name;
	}

	private static Duration takeover(YamlValue value) {
		Duration d = value.seconds(false);
		if (d.compareTo(MIN_TAKEOVER) < 0 || d.compareTo(MAX_TAKEOVER) > 0) {
			throw value.error("between " + MIN_TAKEOVER.toSeconds() + " and " + MAX_TAKEOVER.toSeconds() + " seconds");
		}
		return d;
	}

}
