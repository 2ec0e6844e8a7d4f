package io.videostore.clips;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

import com.zaxxer.hikari.HikariDataSource;
import io.videostore.clips.db.IndexDatabase;
import io.videostore.clips.db.SqliteExceptionTranslator;
import io.videostore.clips.db.WriteQueue;
import io.videostore.config.AppConfig;
import org.flywaydb.core.Flyway;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The index opened outside the service, by a command such as {@code --test-recording}, so
 * that its recordings appear in the UI like any other. SQLite (like PostgreSQL) lets the
 * running service and such a command write to the same database; each write is one short
 * transaction.
 */
public final class StandaloneIndex implements AutoCloseable {

	private final HikariDataSource dataSource;

	private final Alarms alarms;

	private final Jobs jobs;

	private final Clips clips;

	private final Clock clock;

	private StandaloneIndex(HikariDataSource dataSource, WriteQueue writes, Clock clock) {
		this.dataSource = dataSource;
		this.clock = clock;
		JdbcTemplate template = new JdbcTemplate(dataSource);
		template.setExceptionTranslator(new SqliteExceptionTranslator(dataSource));
		IndexDb db = new IndexDb(JdbcClient.create(template), writes, clock);
		this.alarms = new Alarms(db);
		this.clips = new Clips(db);
		this.jobs = new Jobs(db, this.clips);
	}

	/** Opens (and migrates, when needed) the index this configuration names. */
	public static StandaloneIndex open(AppConfig config) {
		IndexDatabase database = IndexDatabase.locate(new StandardEnvironment(), config);
		HikariDataSource dataSource = database.open();
		try {
			Flyway.configure()
				.dataSource(dataSource)
				.placeholders(Map.of("identity", database.identityColumn()))
				.load()
				.migrate();
		}
		catch (RuntimeException ex) {
			dataSource.close();
			throw ex;
		}
		return new StandaloneIndex(dataSource, database.writeQueue(), Clock.systemUTC());
	}

	/**
	 * The SQLite file this configuration's index is in (with the
	 * {@code VIDEOSTORE_DATABASE_URL} override), or empty for a database server.
	 */
	public static Optional<Path> sqliteFile(AppConfig config) {
		return Optional.ofNullable(IndexDatabase.resolve(new StandardEnvironment(), config).sqliteFile());
	}

	/**
	 * Stores a recording made on request: an alarm labelled {@code label} with this text,
	 * its finished job and, when there is one, its clip. Returns the alarm's id.
	 */
	public long recordRequested(String cameraId, String cameraName, String label, String text, Instant startedAt,
			JobState state, String reason, ClipRecord clip) {
		long alarmId = this.alarms
			.recordAlarm(new NewAlarm(startedAt, LocalDateTime.ofInstant(startedAt, ZoneOffset.UTC), null, cameraId,
					cameraName, label, text, null, "{}", null, AlarmOutcome.accepted()));
		Instant windowEnd = (clip != null) ? clip.windowEnd() : this.clock.instant();
		long jobId = this.jobs.createJob(alarmId, cameraId, JobState.RUNNING, startedAt, windowEnd, null);
		Long clipId = (clip != null) ? this.clips.recordClip(clip) : null;
		this.jobs.jobFinished(jobId, state, reason, clipId, this.clock.instant());
		return alarmId;
	}

	@Override
	public void close() {
		this.dataSource.close();
	}

}
