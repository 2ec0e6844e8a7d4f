package io.videostore.clips.db;

import javax.sql.DataSource;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.jdbc.health.DataSourceHealthIndicator;

/**
 * The {@code db} health component: Spring Boot's check of the index database, plus which
 * database it is (its URL without credentials, and the user).
 */
public class IndexHealthIndicator extends DataSourceHealthIndicator {

	private final IndexDatabase database;

	public IndexHealthIndicator(DataSource dataSource, IndexDatabase database) {
		super(dataSource);
		this.database = database;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) throws Exception {
		builder.withDetail("url", this.database.displayUrl());
		if (!this.database.username().isEmpty()) {
			builder.withDetail("user", this.database.username());
		}
		super.doHealthCheck(builder);
	}

}
