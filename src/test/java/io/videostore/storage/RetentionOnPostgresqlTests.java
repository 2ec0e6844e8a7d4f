package io.videostore.storage;

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
