package io.videostore.config;

/**
 * Where the alarm and clip index lives ({@code database.*}). {@link #toString()} shows
 * only SQLite URLs (file names): a server database's URL may carry its password.
 *
 * @param url the JDBC URL, or empty for the default: the SQLite file
 * {@code <video.output>/.videostore.db}
 */
public record DatabaseConfig(String url) {

	public static final DatabaseConfig DEFAULT = new DatabaseConfig("");

	public boolean isDefault() {
		return url.isBlank();
	}

	@Override
	public String toString() {
		// A SQLite URL is a file name; any other may carry a password anywhere (user
		// info, query, properties).
		return "DatabaseConfig[url=" + (url.startsWith("jdbc:sqlite:") ? url : Secrets.mask(url)) + "]";
	}

}
