package io.videostore.clips;

/**
 * {@link ClusterTablesTests} on PostgreSQL.
 */
class ClusterTablesOnPostgresqlTests extends ClusterTablesTests {

	@Override
	TestDatabase database() {
		return TestDatabase.POSTGRESQL;
	}

}
