package io.videostore.config;

/**
 * Reads {@code database.*}; {@code VIDEOSTORE_DATABASE_URL} in the environment wins over
 * the file.
 */
final class DatabaseReader {

	private DatabaseReader() {
	}

	static DatabaseConfig read(YamlMap database, ConfigContext context) {
		String url = database.value("url").map(DatabaseReader::url).orElse("").strip();
		database.warnUnread();
		return url.isEmpty() ? DatabaseConfig.DEFAULT : new DatabaseConfig(url);
	}

	private static String url(YamlValue value) {
		String url = value.string().strip();
		if (!url.isEmpty() && !url.startsWith("jdbc:")) {
			// Not echoed: a mistyped URL may still hold a password.
			throw new ConfigException(
					value.where() + ": expected a JDBC URL such as jdbc:sqlite:/var/lib/video-store/index.db");
		}
		return url;
	}

}
