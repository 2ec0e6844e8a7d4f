package io.videostore.clips;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.videostore.clips.db.IndexDatabase;
import io.videostore.testcam.LocalPostgres;

/**
 * The databases the index runs on: tests of the index's queries run on each (a
 * {@code *OnPostgresqlTests} subclass runs a class's tests on PostgreSQL), and
 * {@link #suite()} is the one every other test's index is in.
 */
public enum TestDatabase {

	/** A SQLite file in the test's folder, as the service's default. */
	SQLITE("SQLite"),

	/** A new database on the test JVM's PostgreSQL ({@link LocalPostgres}). */
	POSTGRESQL("PostgreSQL");

	private static final Map<Path, LocalPostgres.Database> BY_FOLDER = new ConcurrentHashMap<>();

	private final String product;

	TestDatabase(String product) {
		this.product = product;
	}

	/**
	 * SQLite, or PostgreSQL when {@code VIDEOSTORE_TEST_DATABASE=postgresql}: then the
	 * tests that open an index with {@link TestIndex#open(Path, java.time.Clock)} or
	 * start a service with {@code cli.TestServices} get the PostgreSQL database of their
	 * output folder ({@link #postgresqlFor}).
	 */
	public static TestDatabase suite() {
		String name = System.getenv("VIDEOSTORE_TEST_DATABASE");
		return (name != null && name.toLowerCase(Locale.ROOT).startsWith("postgres")) ? POSTGRESQL : SQLITE;
	}

	/**
	 * The PostgreSQL database of the index of this output folder: a new one the first
	 * time, the same one after, as the SQLite file in the folder would be.
	 */
	public static LocalPostgres.Database postgresqlFor(Path folder) {
		return BY_FOLDER.computeIfAbsent(folder.toAbsolutePath().normalize(),
				(f) -> LocalPostgres.shared().newDatabase());
	}

	/** Where the index of this folder goes: the SQLite file in it, or its database. */
	IndexDatabase create(Path folder) {
		if (this == SQLITE) {
			return new IndexDatabase("jdbc:sqlite:" + folder.resolve(IndexDatabase.FILE_NAME));
		}
		LocalPostgres.Database database = postgresqlFor(folder);
		return new IndexDatabase(database.url(), database.username(), database.password());
	}

	@Override
	public String toString() {
		return this.product;
	}

}
