package io.videostore.clips;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.videostore.clips.db.DbClock;
import io.videostore.clips.db.HealthQueries;
import io.videostore.clips.db.IndexDatabase;
import io.videostore.clips.db.IndexHealthIndicator;
import io.videostore.clips.db.SqliteExceptionTranslator;
import io.videostore.clips.db.WriteQueue;
import io.videostore.config.AppConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The index database as Spring beans: the DataSource (so Boot's own DataSource
 * auto-configuration backs off), Flyway's placeholder for it, SQLite error translation
 * for Boot's JdbcTemplate, the {@code db} health component, the index's tables
 * ({@link Alarms}, {@link Jobs}, {@link Clips}, {@link UploadOutbox},
 * {@link NotificationOutbox}, over one {@link IndexDb}) and the tables beside them (the
 * API's read side is wired in {@code clips.search}).
 * <p>
 * Boot's Flyway auto-configuration migrates this DataSource before any {@link JdbcClient}
 * user is created.
 */
@Configuration(proxyBeanMethods = false)
class ClipsConfiguration {

	private static final Logger log = LoggerFactory.getLogger(ClipsConfiguration.class);

	@Bean
	IndexDatabase indexDatabase(Environment environment, AppConfig config) {
		return IndexDatabase.locate(environment, config);
	}

	@Bean(destroyMethod = "close")
	HikariDataSource dataSource(IndexDatabase database) {
		log.info("Index database: {}", database);
		return database.open();
	}

	/** Named so that Boot's own {@code db} health indicator backs off. */
	@Bean
	IndexHealthIndicator dbHealthIndicator(DataSource dataSource, IndexDatabase database, HealthQueries queries) {
		return new IndexHealthIndicator(dataSource, database, queries);
	}

	/** Every health component's questions to the index, each answered within seconds. */
	@Bean(destroyMethod = "close")
	HealthQueries healthQueries() {
		return new HealthQueries();
	}

	@Bean
	FlywayConfigurationCustomizer indexIdentityColumn(IndexDatabase database) {
		return (flyway) -> {
			Map<String, String> placeholders = new HashMap<>(flyway.getPlaceholders());
			placeholders.put("identity", database.identityColumn());
			flyway.placeholders(placeholders);
		};
	}

	@Bean
	SqliteExceptionTranslator sqliteExceptionTranslator(DataSource dataSource) {
		return new SqliteExceptionTranslator(dataSource);
	}

	/** One for every writer: SQLite's single writer is one queue. */
	@Bean
	WriteQueue indexWrites(IndexDatabase database) {
		return database.writeQueue();
	}

	@Bean
	ClusterTables clusterTables(JdbcClient jdbc, IndexDatabase database, WriteQueue writes, AppConfig config) {
		return new ClusterTables(jdbc, writes, !database.sqlite(), config.instance().takeoverAfter());
	}

	/**
	 * The fencing tokens of this instance's claims, shared by the claims and the index.
	 */
	@Bean
	HeldClaims heldClaims() {
		return new HeldClaims();
	}

	@Bean
	JobClaims jobClaims(JdbcClient jdbc, IndexDatabase database, WriteQueue writes, AppConfig config, HeldClaims held) {
		return new JobClaims(jdbc, writes, !database.sqlite(), config.instance().takeoverAfter(), held);
	}

	@Bean
	AlarmContexts alarmContexts(JdbcClient jdbc, IndexDatabase database, WriteQueue writes) {
		return new AlarmContexts(jdbc, writes, !database.sqlite());
	}

	/** What the index's tables share: this instance's view of the database. */
	@Bean
	IndexDb indexDb(JdbcClient jdbc, WriteQueue writes, ObjectProvider<Clock> clock, IndexDatabase database,
			AppConfig config, HeldClaims held) {
		return new IndexDb(jdbc, writes, clock.getIfAvailable(Clock::systemUTC),
				database.sqlite() ? null : config.instanceId(), held,
				new DbClock(!database.sqlite(), config.instance().takeoverAfter()));
	}

	@Bean
	Alarms alarms(IndexDb db) {
		return new Alarms(db);
	}

	@Bean
	Jobs jobs(IndexDb db, Clips clips) {
		return new Jobs(db, clips);
	}

	@Bean
	Clips clips(IndexDb db) {
		return new Clips(db);
	}

	@Bean
	UploadOutbox uploadOutbox(IndexDb db) {
		return new UploadOutbox(db);
	}

	@Bean
	NotificationOutbox notificationOutbox(IndexDb db) {
		return new NotificationOutbox(db);
	}

}
