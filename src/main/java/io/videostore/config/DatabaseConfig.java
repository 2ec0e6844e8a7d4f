package io.videostore.config;

/**
 * Where the alarm and clip index lives ({@code database.*}). {@link #toString()} hides the URL's query, where a
 * server database's password may be.
 *
 * @param url the JDBC URL, or empty for the default: the SQLite file {@code <video.output>/.videostore.db}
 */
public record DatabaseConfig(String url) {

	public static final DatabaseConfig DEFAULT = new DatabaseConfig("");

	public boolean isDefault() {
		return url.isBlank();
	}

	@Override
	public String toString() {
		int query = url.indexOf('?');
		return "DatabaseConfig[url=" + ((query < 0) ? url : url.substring(0, query) + "?…") + "]";
	}

}
