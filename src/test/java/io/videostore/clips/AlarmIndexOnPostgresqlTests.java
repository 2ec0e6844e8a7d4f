package io.videostore.clips;

/**
 * {@link AlarmIndexTests} on PostgreSQL.
 */
class AlarmIndexOnPostgresqlTests extends AlarmIndexTests {

	@Override
	TestDatabase database() {
		return TestDatabase.POSTGRESQL;
	}

}
