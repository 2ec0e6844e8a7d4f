package io.videostore.clips;

/**
 * {@link JobClaimsTests} on PostgreSQL.
 */
class JobClaimsOnPostgresqlTests extends JobClaimsTests {

	@Override
	TestDatabase database() {
		return TestDatabase.POSTGRESQL;
	}

}
