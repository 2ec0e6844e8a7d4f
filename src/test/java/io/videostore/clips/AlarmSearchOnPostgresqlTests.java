package io.videostore.clips;

/**
 * {@link AlarmSearchTests} on PostgreSQL.
 */
class AlarmSearchOnPostgresqlTests extends AlarmSearchTests {

	@Override
	TestDatabase database() {
		return TestDatabase.POSTGRESQL;
	}

}
