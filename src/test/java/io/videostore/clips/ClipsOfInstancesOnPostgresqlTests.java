package io.videostore.clips;

/**
 * {@link ClipsOfInstancesTests} on PostgreSQL.
 */
class ClipsOfInstancesOnPostgresqlTests extends ClipsOfInstancesTests {

	@Override
	TestDatabase database() {
		return TestDatabase.POSTGRESQL;
	}

}
