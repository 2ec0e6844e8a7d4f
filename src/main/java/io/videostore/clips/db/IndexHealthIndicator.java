package io.videostore.clips.db;

import javax.sql.DataSource;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.jdbc.health.DataSourceHealthIndicator;

/**
 * The {@code db} health component: Spring Boot's check of the index database, plus which
 * database it is (its URL without credentials, and the user). DOWN at once, with the
 * reason, when the database does not answer within {@link HealthQueries#WAIT}.
 */
public class IndexHealthIndicator extends DataSourceHealthIndicator {

	private final IndexDatabase database;

	private final HealthQueries queries;

	public IndexHealthIndicator(DataSource dataSource, IndexDatabase database, HealthQueries queries) {
		super(dataSource);
		this.database = database;
		this.queries = queries;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) throws Exception {
		builder.withDetail("url", this.database.displayUrl());
		if (!this.database.username().isEmpty()) {
			builder.withDetail("user", this.database.username());
		}
		Health checked;
		try {
			checked = this.queries.ask(() -> {
				Health.Builder own = new Health.Builder();
				super.doHealthCheck(own);
				return own.build();
			});
		}
		catch (HealthQueries.NoAnswer ex) {
			builder.down().withDetail("error", ex.getMessage());
			return;
		}
		builder.status(checked.getStatus()).withDetails(checked.getDetails());
	}

}
