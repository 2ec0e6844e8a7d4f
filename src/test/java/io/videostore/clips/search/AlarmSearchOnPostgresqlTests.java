package io.videostore.clips.search;

import io.videostore.clips.TestDatabase;

/**
 * {@link AlarmSearchTests} on PostgreSQL.
 */
class AlarmSearchOnPostgresqlTests extends AlarmSearchTests {

	@Override
	TestDatabase database() {
		return TestDatabase.POSTGRESQL;
	}

}
