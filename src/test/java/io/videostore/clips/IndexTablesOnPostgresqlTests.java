package io.videostore.clips;

/**
 * {@link IndexTablesTests} on PostgreSQL.
 */
class IndexTablesOnPostgresqlTests extends IndexTablesTests {

	@Override
	TestDatabase database() {
		return TestDatabase.POSTGRESQL;
	}

}
