package io.videostore.storage.retention;

import io.videostore.clips.TestDatabase;

/**
 * {@link RetentionTests} on PostgreSQL.
 */
class RetentionOnPostgresqlTests extends RetentionTests {

	@Override
	TestDatabase database() {
		return TestDatabase.POSTGRESQL;
	}

}
