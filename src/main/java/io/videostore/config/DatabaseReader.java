package io.videostore.config;

/**
 * Reads {@code database.*}; {@code VIDEOSTORE_DATABASE_URL} in the environment wins over
 * the file.
 */
final class DatabaseReader {

	static final String URL_VARIABLE = "VIDEOSTORE_DATABASE_URL";

	private DatabaseReader() {
	}

	static DatabaseConfig read(YamlMap database, ConfigContext context) {
		String url = context
			.envOr(URL_VARIABLE,
					database.value("url").filter((v) -> !v.isNull()).map((v) -> url(v, context)).orElse(""))
			.strip();
		database.warnUnread();
		return url.isEmpty() ? DatabaseConfig.DEFAULT : new DatabaseConfig(url);
	}

	private static String url(YamlValue value, ConfigContext context) {
		String url = value.string().strip();
		if (!url.isEmpty() && !url.startsWith("jdbc:")) {
			// Not echoed: a mistyped URL may still hold a password.
			throw new ConfigException(context.where(value.path(), value.line())
					+ ": expected a JDBC URL such as jdbc:sqlite:/var/lib/video-store/index.db");
		}
		return url;
	}

}
