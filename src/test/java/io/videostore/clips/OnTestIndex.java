package io.videostore.clips;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the index's tests share: a fresh index for each test, on SQLite, or on another
 * database where a subclass says so, with the clock fixed at {@link #now()}.
 */
abstract class OnTestIndex {

	@TempDir
	Path folder;

	TestIndex db;

	Alarms alarms;

	Jobs jobs;

	Clips clips;

	UploadOutbox uploads;

	NotificationOutbox notifications;

	/** The database these tests run on; a subclass runs them on another. */
	TestDatabase database() {
		return TestDatabase.SQLITE;
	}

	/** The fixed time of the index's clock. */
	abstract Instant now();

	@BeforeEach
	final void openIndex() {
		this.db = TestIndex.open(database(), this.folder, Clock.fixed(now(), ZoneOffset.UTC));
		this.alarms = this.db.alarms;
		this.jobs = this.db.jobs;
		this.clips = this.db.clips;
		this.uploads = this.db.uploads;
		this.notifications = this.db.notifications;
	}

	@AfterEach
	final void closeIndex() {
		// Null when no PostgreSQL could start and the test was skipped.
		if (this.db != null) {
			this.db.close();
		}
	}

}
