package io.videostore.clips;

import java.nio.file.Path;
import java.time.Instant;

import io.videostore.clips.db.IndexDatabase;
import io.videostore.clips.db.IndexHealthIndicator;
import io.videostore.config.ConfigException;
import io.videostore.config.DatabaseConfig;
import io.videostore.testcam.LocalPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The index on PostgreSQL as the service wires it: {@code database.*} or the
 * {@code VIDEOSTORE_DATABASE_*} variables switch it there, Flyway creates the same
 * schema, writes are not queued, and the password shows nowhere.
 */
@ExtendWith(OutputCaptureExtension.class)
class PostgresqlIndexTests {

	@TempDir
	Path temp;

	@Test
	void migrationsCreateTheSameSchemaOnPostgresqlAndARestartMigratesNothingAgain() {
		LocalPostgres.Database db = LocalPostgres.shared().newDatabase();
		Path videos = this.temp.resolve("videos");
		TestIndex.contextRunner(videos, db.config()).run((context) -> {
			assertThat(context).hasNotFailed();
			JdbcClient jdbc = context.getBean(JdbcClient.class);
			assertThat(jdbc.sql("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")
				.query(String.class)
				.list()).containsExactlyInAnyOrder("alarm", "job", "clip", "upload", "notification", "instance",
						"camera_lease", "alarm_context", "flyway_schema_history");
			assertThat(
					jdbc.sql("SELECT indexname FROM pg_indexes WHERE schemaname = 'public'").query(String.class).list())
				.contains("alarm_received_at", "alarm_dedupe_key_created_on", "job_state", "job_alarm_id",
						"job_camera_id_state", "alarm_created_on", "alarm_device_id_created_on", "job_clip_id",
						"upload_clip_id", "notification_state_next_attempt", "alarm_payload_trimmed_id");
			assertThat(jdbc
				.sql("SELECT data_type || ' ' || is_identity FROM information_schema.columns "
						+ "WHERE table_name = 'alarm' AND column_name = 'id'")
				.query(String.class)
				.single()).isEqualTo("bigint YES");
			context.getBean(Alarms.class).recordAlarm(TestIndex.alarm(Instant.now(), "k", "accepted"));
		});

		TestIndex.contextRunner(videos, db.config()).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(Alarms.class).countAlarms()).isOne();
			assertThat(context.getBean(Flyway.class).info().pending()).isEmpty();
			assertThat(context.getBean(JdbcClient.class)
				.sql("SELECT version || ' ' || success FROM flyway_schema_history WHERE version IS NOT NULL "
						+ "ORDER BY installed_rank")
				.query(String.class)
				.list()).containsExactly("1 true", "2 true", "3 true", "4 true", "5 true", "6 true", "7 true", "8 true",
						"9 true", "10 true");
		});
		assertThat(videos).as("no SQLite file, nor its folder").doesNotExist();
	}

	@Test
	void theVideostoreDatabaseVariablesPutTheIndexOnPostgresqlWithWritesNotQueued() {
		LocalPostgres.Database db = LocalPostgres.shared().newDatabase();
		TestIndex.contextRunner(this.temp)
			.withPropertyValues(IndexDatabase.URL_PROPERTY + "=" + db.url(),
					IndexDatabase.USERNAME_PROPERTY + "=" + db.username(),
					IndexDatabase.PASSWORD_PROPERTY + "=" + db.password())
			.run((context) -> {
				assertThat(context).hasNotFailed();
				IndexDatabase database = context.getBean(IndexDatabase.class);
				assertThat(database.product()).isEqualTo("PostgreSQL");
				assertThat(database.writeQueue().queued()).as("PostgreSQL takes concurrent writers").isFalse();
				context.getBean(Alarms.class).recordAlarm(TestIndex.alarm(Instant.now(), "k", "accepted"));
				assertThat(context.getBean(Alarms.class).countAlarms()).isOne();
			});
		assertThat(this.temp.resolve(IndexDatabase.FILE_NAME)).doesNotExist();
		assertThat(new IndexDatabase("jdbc:sqlite:" + this.temp.resolve("x.db")).writeQueue().queued()).isTrue();
	}

	@Test
	void theStartUpLogAndDbHealthNameTheDatabaseAndUserButNeverThePassword(CapturedOutput output) {
		LocalPostgres.Database db = LocalPostgres.shared().newDatabase();
		// The password in the URL too, as pgjdbc allows: it must not show either.
		DatabaseConfig config = new DatabaseConfig(db.url() + "?password=" + db.password(), db.username(),
				db.password());
		TestIndex.contextRunner(this.temp, config).run((context) -> {
			assertThat(context).hasNotFailed();
			Health health = context.getBean(IndexHealthIndicator.class).health(true);

			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("database", "PostgreSQL")
				.containsEntry("url", db.url() + "?…")
				.containsEntry("user", LocalPostgres.USER);
			assertThat(health.toString()).doesNotContain(db.password());
		});
		assertThat(output).contains("Index database: PostgreSQL " + db.url() + "?… as user videostore")
			.doesNotContain(db.password());
	}

	@Test
	void aPasswordThePostgresqlServerRefusesStopsTheStartNamingTheKeyButNotThePassword(CapturedOutput output) {
		LocalPostgres.Database db = LocalPostgres.shared().newDatabase();
		String wrong = "not-the-password-4711";
		TestIndex.contextRunner(this.temp, new DatabaseConfig(db.url(), db.username(), wrong)).run((context) -> {
			assertThat(context).hasFailed();
			Throwable root = context.getStartupFailure();
			while (root.getCause() != null && !(root instanceof ConfigException)) {
				root = root.getCause();
			}
			assertThat(root).isInstanceOf(ConfigException.class)
				.hasMessageStartingWith(
						"database.url: cannot connect to PostgreSQL " + db.url() + " as user videostore: ")
				.hasMessageContaining("password authentication failed")
				.hasMessageNotContaining(wrong);
		});
		assertThat(output).doesNotContain(wrong);
	}

}
