package io.videostore.config;

/**
 * Where the alarm and clip index lives ({@code database.*}). {@link #toString()} shows
 * only SQLite URLs (file names) and never the password: a server database's URL may carry
 * one too.
 *
 * @param url the JDBC URL, or empty for the default: the SQLite file
 * {@code <video.output>/.videostore.db}
 * @param username the user a server database is logged in as, or empty (the URL's own, or
 * the driver's default)
 * @param password that user's password, or empty
 */
public record DatabaseConfig(String url, String username, String password) {

	public static final DatabaseConfig DEFAULT = new DatabaseConfig("");

	public DatabaseConfig {
		url = (url != null) ? url : "";
		username = (username != null) ? username : "";
		password = (password != null) ? password : "";
	}

	/** A URL without a separate user and password. */
	public DatabaseConfig(String url) {
		this(url, "", "");
	}

	public boolean isDefault() {
		return url.isBlank();
	}

	@Override
	public String toString() {
		// A SQLite URL is a file name; any other may carry a password anywhere (user
		// info, query, properties).
		return "DatabaseConfig[url=" + (url.startsWith("jdbc:sqlite:") ? url : Secrets.mask(url)) + ", username="
				+ username + ", password=" + Secrets.mask(password) + "]";
	}

}
