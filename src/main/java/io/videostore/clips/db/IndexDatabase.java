package io.videostore.clips.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.videostore.config.AppConfig;
import io.videostore.config.ConfigException;
import io.videostore.config.DatabaseConfig;
import io.videostore.system.FileModes;
import io.videostore.system.Redactor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.PropertyResolver;
import org.springframework.util.StringUtils;
import org.sqlite.SQLiteConfig;

/**
 * Where the index lives and how to connect to it: a SQLite file (the default) or a
 * PostgreSQL server.
 *
 * @param url the JDBC URL
 * @param username the user to log in as, or empty (the URL's, or the driver's default)
 * @param password that user's password, or empty; never shown
 */
public record IndexDatabase(String url, String username, String password) {

	/** System property or environment variable that overrides the database URL. */
	public static final String URL_PROPERTY = "VIDEOSTORE_DATABASE_URL";

	/** ... and the user, when set. */
	public static final String USERNAME_PROPERTY = "VIDEOSTORE_DATABASE_USERNAME";

	/** ... and the password, when set. */
	public static final String PASSWORD_PROPERTY = "VIDEOSTORE_DATABASE_PASSWORD";

	/** The default SQLite file, next to the videos. */
	public static final String FILE_NAME = ".videostore.db";

	private static final String SQLITE_PREFIX = "jdbc:sqlite:";

	private static final String POSTGRESQL_PREFIX = "jdbc:postgresql:";

	/** How long a call waits for a connection to a database server. */
	static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(5);

	/** How long a PostgreSQL query may wait for the server's answer. */
	static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(60);

	/** What SQLite writes beside the database file, with the file's permissions. */
	private static final String[] COMPANIONS = { "-wal", "-shm", "-journal" };

	private static final Logger log = LoggerFactory.getLogger(IndexDatabase.class);

	public IndexDatabase {
		username = (username != null) ? username : "";
		password = (password != null) ? password : "";
	}

	public IndexDatabase(String url) {
		this(url, "", "");
	}

	/**
	 * {@link #resolve} the database, checked: a SQLite file's folder is created if
	 * missing, and the file is its owner's only.
	 * @throws ConfigException when this build has no JDBC driver for the URL
	 */
	public static IndexDatabase locate(PropertyResolver environment, AppConfig config) {
		IndexDatabase database = resolve(environment, config);
		database.checkDriver();
		database.prepareSqliteFile();
		return database;
	}

	/**
	 * Where the index is, touching nothing: {@code VIDEOSTORE_DATABASE_URL} if set, else
	 * {@code database.url}, else a SQLite file in the output folder; the user and
	 * password likewise from {@code VIDEOSTORE_DATABASE_USERNAME} and {@code _PASSWORD},
	 * else {@code database.*}.
	 */
	public static IndexDatabase resolve(PropertyResolver environment, AppConfig config) {
		DatabaseConfig configured = config.database();
		String url = environment.getProperty(URL_PROPERTY);
		if (!StringUtils.hasText(url)) {
			url = configured.isDefault() ? SQLITE_PREFIX + config.video().output().toAbsolutePath().resolve(FILE_NAME)
					: configured.url();
		}
		String username = environment.getProperty(USERNAME_PROPERTY);
		String password = environment.getProperty(PASSWORD_PROPERTY);
		return new IndexDatabase(url.trim(), StringUtils.hasText(username) ? username.strip() : configured.username(),
				StringUtils.hasText(password) ? password : configured.password());
	}

	private void checkDriver() {
		try {
			DriverManager.getDriver(this.url);
		}
		catch (SQLException ex) {
			throw new ConfigException("database.url: this build has no JDBC driver for " + displayUrl()
					+ "; the bundled databases are SQLite (jdbc:sqlite:FILE) and PostgreSQL "
					+ "(jdbc:postgresql://HOST:PORT/DATABASE)");
		}
	}

	/**
	 * SQLite creates the file but not its folder, and creates it with the umask's
	 * permissions (0644): the index holds whole payloads and senders' addresses. It
	 * creates its -wal, -shm and -journal files with the database file's permissions, so
	 * an owner-only file keeps them owner-only too.
	 */
	void prepareSqliteFile() {
		Path file = sqliteFile();
		if (file == null) {
			return;
		}
		Path folder = file.getParent();
		try {
			FileModes.createFolders(folder, FileModes.GROUP_FOLDER);
			FileModes.createFile(file, FileModes.OWNER_FILE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create the index database " + file, ex);
		}
		boolean narrowed = FileModes.restrict(file, FileModes.OWNER_FILE);
		for (String companion : COMPANIONS) {
			narrowed |= FileModes.restrict(file.resolveSibling(file.getFileName() + companion), FileModes.OWNER_FILE);
		}
		if (narrowed) {
			log.info("Index database {} was readable by others: it is its owner's only now", file);
		}
	}

	/** The SQLite database file, or null for another database or an in-memory one. */
	public Path sqliteFile() {
		if (!sqlite()) {
			return null;
		}
		String file = this.url.substring(SQLITE_PREFIX.length());
		int query = file.indexOf('?');
		file = (query < 0) ? file : file.substring(0, query);
		if (file.isEmpty() || file.startsWith(":") || file.startsWith("file:")) {
			return null;
		}
		return Path.of(file).toAbsolutePath();
	}

	public boolean sqlite() {
		return this.url.startsWith(SQLITE_PREFIX);
	}

	/**
	 * How writes reach the database: queued for SQLite's single writer, straight through
	 * for a server that takes concurrent writers.
	 */
	public WriteQueue writeQueue() {
		return sqlite() ? WriteQueue.serial() : WriteQueue.concurrent();
	}

	/**
	 * The column definition of an auto-increment primary key, for the {@code ${identity}}
	 * migration placeholder.
	 */
	public String identityColumn() {
		// AUTOINCREMENT: ids of deleted rows (clips removed by retention) are never
		// handed out again.
		return sqlite() ? "INTEGER PRIMARY KEY AUTOINCREMENT" : "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY";
	}

	/**
	 * A small connection pool; for SQLite every connection waits for the single writer
	 * instead of failing.
	 * @throws ConfigException when a database server cannot be reached or refuses the
	 * login
	 */
	public HikariDataSource open() {
		HikariConfig hikari = new HikariConfig();
		hikari.setPoolName("videostore-index");
		hikari.setJdbcUrl(this.url);
		if (sqlite()) {
			hikari.setMaximumPoolSize(4);
			hikari.setDriverClassName("org.sqlite.JDBC");
			hikari.setDataSourceProperties(sqliteSettings().toProperties());
			return new HikariDataSource(hikari);
		}
		hikari.setMaximumPoolSize(10);
		// A database that stops answering fails a call within seconds (the alarm gets
		// 503, the cluster's round fails and fences), not after Hikari's default 30 s.
		hikari.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
		if (!this.username.isEmpty()) {
			hikari.setUsername(this.username);
		}
		if (!this.password.isEmpty()) {
			hikari.setPassword(this.password);
		}
		if (this.url.startsWith(POSTGRESQL_PREFIX)) {
			// Names the service's connections in pg_stat_activity.
			hikari.addDataSourceProperty("ApplicationName", "video-store");
			// A connection cut without a word (a network partition) fails its query
			// instead of hanging until TCP gives up; a socketTimeout in the URL wins.
			hikari.addDataSourceProperty("socketTimeout", String.valueOf(SOCKET_TIMEOUT.toSeconds()));
		}
		try {
			return new HikariDataSource(hikari);
		}
		catch (RuntimeException ex) {
			throw new ConfigException("database.url: cannot connect to " + this + ": " + reason(ex), ex);
		}
	}

	/** The driver's own words, redacted: a third-party message may quote the URL. */
	private String reason(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return Redactor.redact(String.valueOf(cause.getMessage()), List.of(this.password));
	}

	/** The kind of database, such as {@code PostgreSQL}. */
	public String product() {
		if (sqlite()) {
			return "SQLite";
		}
		if (this.url.startsWith(POSTGRESQL_PREFIX)) {
			return "PostgreSQL";
		}
		String[] parts = this.url.split(":", 3);
		return (parts.length > 1) ? parts[1] : this.url;
	}

	/**
	 * The URL without its query or user info, where a server database's password may be.
	 */
	String displayUrl() {
		int query = this.url.indexOf('?');
		return Redactor.redact((query < 0) ? this.url : this.url.substring(0, query) + "?…", List.of(this.password));
	}

	/**
	 * What the start-up log and the health report say: the kind of database, where and as
	 * whom; never the password.
	 */
	@Override
	public String toString() {
		return product() + " " + displayUrl() + (this.username.isEmpty() ? "" : " as user " + this.username);
	}

	private static SQLiteConfig sqliteSettings() {
		SQLiteConfig sqlite = new SQLiteConfig();
		// WAL: readers never block the writer; NORMAL: a commit survives a crash of the
		// service (not of the OS)
		// without an fsync per insert, which is what lets the webhook sustain thousands
		// of alarms a second.
		sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
		sqlite.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
		sqlite.setBusyTimeout(5000);
		sqlite.enforceForeignKeys(true);
		// Transactions take the write lock up front, so one never fails halfway with
		// SQLITE_BUSY on upgrade.
		sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
		return sqlite;
	}

}
