package io.videostore.storage;

import io.videostore.clips.TestDatabase;

/**
 * {@link UploadHealthIndicatorTests} on PostgreSQL.
 */
class UploadHealthIndicatorOnPostgresqlTests extends UploadHealthIndicatorTests {

	@Override
	TestDatabase database() {
		return TestDatabase.POSTGRESQL;
	}

}
