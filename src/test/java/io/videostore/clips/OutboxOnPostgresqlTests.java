package io.videostore.clips;

/**
 * {@link OutboxTests} on PostgreSQL.
 */
class OutboxOnPostgresqlTests extends OutboxTests {

	@Override
	TestDatabase database() {
		return TestDatabase.POSTGRESQL;
	}

}
