package io.videostore.clips;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.videostore.clips.db.IndexDatabase;
import io.videostore.config.ConfigException;
import io.videostore.config.DatabaseConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The index database as the service wires it: where the file goes, how SQLite is set up,
 * Flyway on startup and the recovery of jobs a previous run left open.
 */
@ExtendWith(OutputCaptureExtension.class)
class ClipsConfigurationTests {

	@TempDir
	Path temp;

	@Test
	void migrationsCreateTheSchemaInAFileNextToTheVideos() {
		Path videos = this.temp.resolve("not/yet/there");
		TestIndex.contextRunner(videos).run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(DataSource.class)
				.hasSingleBean(Alarms.class)
				.hasSingleBean(Jobs.class)
				.hasSingleBean(Clips.class)
				.hasSingleBean(UploadOutbox.class)
				.hasSingleBean(NotificationOutbox.class);
			assertThat(context.getBean(HikariDataSource.class).getPoolName()).isEqualTo("videostore-index");
			assertThat(videos.resolve(".videostore.db")).isRegularFile();
			JdbcClient jdbc = context.getBean(JdbcClient.class);
			assertThat(jdbc.sql("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'")
				.query(String.class)
				.list()).containsExactlyInAnyOrder("alarm", "job", "clip", "upload", "notification", "instance",
						"camera_lease", "alarm_context", "flyway_schema_history");
			assertThat(jdbc.sql("SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite%'")
				.query(String.class)
				.list()).contains("alarm_received_at", "alarm_dedupe_key_created_on", "job_state", "job_alarm_id",
						"job_camera_id_state", "alarm_created_on", "alarm_device_id_created_on",
						"alarm_device_name_created_on", "alarm_system_label_created_on", "job_clip_id");
		});
	}

	@Test
	void restartOnTheSameFileKeepsTheDataAndMigratesNothingAgain() {
		TestIndex.contextRunner(this.temp)
			.run((context) -> context.getBean(Alarms.class)
				.recordAlarm(TestIndex.alarm(Instant.now(), "k", "accepted")));

		TestIndex.contextRunner(this.temp).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(Alarms.class).countAlarms()).isOne();
			assertThat(context.getBean(JdbcClient.class)
				.sql("SELECT version || ' ' || success FROM flyway_schema_history WHERE version IS NOT NULL")
				.query(String.class)
				.list()).containsExactly("1 1", "2 1", "3 1", "4 1", "5 1", "6 1", "7 1", "8 1", "9 1", "10 1");
		});
	}

	@Test
	void sqliteConnectionsUseWalWaitForTheWriterAndReportConstraintsAsSpringExceptions() {
		TestIndex.contextRunner(this.temp).run((context) -> {
			JdbcClient jdbc = context.getBean(JdbcClient.class);
			assertThat(jdbc.sql("PRAGMA journal_mode").query(String.class).single()).isEqualTo("wal");
			assertThat(jdbc.sql("PRAGMA synchronous").query(Integer.class).single()).isOne(); // NORMAL
			assertThat(jdbc.sql("PRAGMA busy_timeout").query(Integer.class).single()).isEqualTo(5000);
			assertThat(jdbc.sql("PRAGMA foreign_keys").query(Integer.class).single()).isOne();
			assertThat(context.getBean(HikariDataSource.class).getMaximumPoolSize()).isEqualTo(4);
			assertThatExceptionOfType(DataIntegrityViolationException.class)
				.isThrownBy(() -> context.getBean(Jobs.class)
					.createJob(42, "default", JobState.QUEUED, Instant.now(), Instant.now(), null));
		});
	}

	@Test
	void databaseUrlPropertyOverridesTheFileNextToTheVideos() {
		Path elsewhere = this.temp.resolve("elsewhere.db");
		TestIndex.contextRunner(this.temp.resolve("videos"))
			.withPropertyValues(IndexDatabase.URL_PROPERTY + "=jdbc:sqlite:" + elsewhere)
			.run((context) -> {
				context.getBean(Alarms.class).recordAlarm(TestIndex.alarm(Instant.now(), "k", "accepted"));
				assertThat(elsewhere).isRegularFile();
				assertThat(this.temp.resolve("videos")).doesNotExist();
			});
	}

	@Test
	void databaseUrlInTheConfigPutsTheIndexThereCreatingItsFolder() {
		Path file = this.temp.resolve("var/lib/vs/index.db");
		TestIndex.contextRunner(this.temp.resolve("videos"), new DatabaseConfig("jdbc:sqlite:" + file))
			.run((context) -> {
				context.getBean(Alarms.class).recordAlarm(TestIndex.alarm(Instant.now(), "k", "accepted"));
				assertThat(file).isRegularFile();
				assertThat(this.temp.resolve("videos/.videostore.db")).doesNotExist();
			});
	}

	@Test
	void aDatabaseThisBuildHasNoDriverForFailsStartupNamingTheKey() {
		TestIndex.contextRunner(this.temp)
			.withPropertyValues(IndexDatabase.URL_PROPERTY + "=jdbc:mysql://db/vs?password=hunter22")
			.run((context) -> {
				assertThat(context).hasFailed();
				Throwable root = context.getStartupFailure();
				while (root.getCause() != null && !(root instanceof ConfigException)) {
					root = root.getCause();
				}
				assertThat(root).isInstanceOf(ConfigException.class)
					.hasMessageStartingWith("database.url: this build has no JDBC driver")
					.hasMessageNotContaining("hunter22");
			});
	}

	@Test
	void everyCommittedWriteSurvivesAKillThatNeverCheckpointed() throws Exception {
		Path before = Files.createDirectories(this.temp.resolve("before"));
		Path after = Files.createDirectories(this.temp.resolve("after"));
		long[] ids = new long[4];
		TestIndex.contextRunner(before).run((context) -> {
			Alarms alarms = context.getBean(Alarms.class);
			Jobs jobs = context.getBean(Jobs.class);
			Instant now = Instant.now();
			ids[0] = alarms.recordAlarm(TestIndex.alarm(now, "k", "accepted"));
			ids[1] = jobs.createJob(ids[0], "default", JobState.QUEUED, now, now.plusSeconds(10), null);
			jobs.jobStarted(ids[1], now);
			ids[2] = jobs.createJob(ids[0], "default", JobState.JOINED, now, now.plusSeconds(10), ids[1]);
			ids[3] = jobs.createJob(ids[0], "other", JobState.QUEUED, now, now.plusSeconds(10), null);
			jobs.jobFinished(ids[3], JobState.DONE, null, null, now);
			// What kill -9 leaves: the database and its write-ahead log as they are,
			// never checkpointed.
			for (String file : new String[] { ".videostore.db", ".videostore.db-wal" }) {
				Files.copy(before.resolve(file), after.resolve(file), StandardCopyOption.REPLACE_EXISTING);
			}
		});

		TestIndex.contextRunner(after).run((context) -> {
			Alarms alarms = context.getBean(Alarms.class);
			Jobs jobs = context.getBean(Jobs.class);
			assertThat(alarms.alarm(ids[0])).get().extracting(AlarmView::outcome).isEqualTo("accepted");
			// Every committed write survived; the jobs left open are for the recording
			// side's restart recovery.
			assertThat(jobs.jobsForAlarm(ids[0])).extracting(JobView::state, JobView::reason)
				.containsExactly(tuple(JobState.RUNNING, null), tuple(JobState.JOINED, null),
						tuple(JobState.DONE, null));
			assertThat(jobs.interruptedJobs()).extracting(JobView::id).containsExactly(ids[1]);
		});
	}

	@Test
	void theIndexAndTheFilesSqliteWritesBesideItAreTheOwnersOnlyUnderUmask022() {
		Path videos = this.temp.resolve("videos");
		TestIndex.contextRunner(videos).run((context) -> {
			assertThat(context).hasNotFailed();
			context.getBean(Alarms.class).recordAlarm(TestIndex.alarm(Instant.now(), "k", "accepted"));

			assertThat(videos.resolve(".videostore.db-wal")).exists();
			assertThat(videos.resolve(".videostore.db-shm")).exists();
			for (String file : new String[] { ".videostore.db", ".videostore.db-wal", ".videostore.db-shm" }) {
				assertThat(Files.getPosixFilePermissions(videos.resolve(file))).as(file)
					.isEqualTo(PosixFilePermissions.fromString("rw-------"));
			}
			assertThat(Files.getPosixFilePermissions(videos)).doesNotContain(PosixFilePermission.OTHERS_READ);
		});
	}

	@Test
	void anIndexLeftReadableByEveryoneByAnEarlierVersionIsClosedAtStart(CapturedOutput output) throws Exception {
		TestIndex.contextRunner(this.temp).run((context) -> assertThat(context).hasNotFailed());
		Path database = this.temp.resolve(".videostore.db");
		Files.setPosixFilePermissions(database, PosixFilePermissions.fromString("rw-r--r--"));

		TestIndex.contextRunner(this.temp).run((context) -> assertThat(context).hasNotFailed());

		assertThat(Files.getPosixFilePermissions(database)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
		assertThat(output).contains("was readable by others: it is its owner's only now");
	}

}
