package io.videostore.config.loader;

import io.videostore.config.ConfigException;
import io.videostore.config.DatabaseConfig;

/**
 * Reads {@code database.*}; {@code VIDEOSTORE_DATABASE_URL}, {@code _USERNAME} and
 * {@code _PASSWORD} in the environment win over the file.
 */
final class DatabaseReader {

	private DatabaseReader() {
	}

	static DatabaseConfig read(YamlMap database, ConfigContext context) {
		String url = database.value("url").map(DatabaseReader::url).orElse("").strip();
		String username = database.string("username", "").strip();
		String password = database.string("password", "");
		database.warnUnread();
		if (url.isEmpty()) {
			if (!username.isEmpty() || !password.isEmpty()) {
				throw database.missing("url",
						"the JDBC URL of the database server the username and password are for, such as "
								+ "jdbc:postgresql://db.example.com:5432/videostore");
			}
			return DatabaseConfig.DEFAULT;
		}
		return new DatabaseConfig(url, username, password);
	}

	private static String url(YamlValue value) {
		String url = value.string().strip();
		if (!url.isEmpty() && !url.startsWith("jdbc:")) {
			// Not echoed: a mistyped URL may still hold a password.
			throw new ConfigException(
					value.where() + ": expected a JDBC URL such as jdbc:sqlite:/var/lib/video-store/index.db"
							+ " or jdbc:postgresql://db.example.com:5432/videostore");
		}
		return url;
	}

}
