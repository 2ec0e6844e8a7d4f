package io.videostore.clips;

/**
 * {@link ConcurrentInsertTests} on PostgreSQL.
 */
class ConcurrentInsertOnPostgresqlTests extends ConcurrentInsertTests {

	@Override
	TestDatabase database() {
		return TestDatabase.POSTGRESQL;
	}

}
