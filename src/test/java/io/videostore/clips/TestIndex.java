package io.videostore.clips;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;
import io.videostore.clips.db.DbClock;
import io.videostore.clips.db.IndexDatabase;
import io.videostore.clips.db.SqliteExceptionTranslator;
import io.videostore.clips.db.WriteQueue;
import io.videostore.config.AppConfig;
import io.videostore.config.CameraConfig;
import io.videostore.config.DatabaseConfig;
import io.videostore.config.IxonApiConfig;
import io.videostore.config.VideoConfig;
import io.videostore.config.WebhooksConfig;
import org.flywaydb.core.Flyway;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An index on a real database (a SQLite file, or PostgreSQL: {@link TestDatabase}),
 * migrated by Flyway: by hand for unit tests, or as the service wires it.
 */
public final class TestIndex implements AutoCloseable {

	final HikariDataSource dataSource;

	/** Its queries, as the service's beans get them (with SQLite errors translated). */
	public final JdbcClient jdbc;

	public final Alarms alarms;

	public final Jobs jobs;

	public final Clips clips;

	public final UploadOutbox uploads;

	public final NotificationOutbox notifications;

	private final WriteQueue writes;

	private final boolean rowLocks;

	private TestIndex(HikariDataSource dataSource, WriteQueue writes, Clock clock, boolean rowLocks) {
		this.dataSource = dataSource;
		this.writes = writes;
		this.rowLocks = rowLocks;
		JdbcTemplate template = new JdbcTemplate(dataSource);
		template.setExceptionTranslator(new SqliteExceptionTranslator(dataSource));
		this.jdbc = JdbcClient.create(template);
		Tables tables = Tables.of(new IndexDb(this.jdbc, writes, clock, null, this.held, new DbClock(rowLocks, LEASE)));
		this.alarms = tables.alarms();
		this.jobs = tables.jobs();
		this.clips = tables.clips();
		this.uploads = tables.uploads();
		this.notifications = tables.notifications();
	}

	/**
	 * The lease of the claims and camera leases of this index's cluster tables: on
	 * PostgreSQL they run by the server's clock, for this long.
	 */
	public static final Duration LEASE = Duration.ofSeconds(15);

	/** The fencing tokens of the claims made through {@link #claims()}. */
	private final HeldClaims held = new HeldClaims();

	/**
	 * Opens (and migrates) a new index in the {@link TestDatabase#suite() suite's
	 * database}: the SQLite file in this folder by default.
	 */
	public static TestIndex open(Path folder, Clock clock) {
		return open(TestDatabase.suite(), folder, clock);
	}

	/**
	 * Opens (and migrates) a new index in this database: the SQLite file in this folder,
	 * or a new PostgreSQL database.
	 */
	public static TestIndex open(TestDatabase kind, Path folder, Clock clock) {
		IndexDatabase database = kind.create(folder);
		HikariDataSource dataSource = database.open();
		Flyway.configure()
			.dataSource(dataSource)
			.placeholders(Map.of("identity", database.identityColumn()))
			.load()
			.migrate();
		return new TestIndex(dataSource, database.writeQueue(), clock, !database.sqlite());
	}

	/** This index as one instance of several sees it: its clips are on its disk. */
	public Tables asInstance(String instanceId, Clock clock) {
		return Tables.of(new IndexDb(this.jdbc, this.writes, clock, instanceId, new HeldClaims(),
				new DbClock(this.rowLocks, LEASE)));
	}

	/** The index's tables as one instance sees them. */
	public record Tables(Alarms alarms, Jobs jobs, Clips clips, UploadOutbox uploads,
			NotificationOutbox notifications) {

		static Tables of(IndexDb db) {
			Clips clips = new Clips(db);
			return new Tables(new Alarms(db), new Jobs(db, clips), clips, new UploadOutbox(db),
					new NotificationOutbox(db));
		}

	}

	/** The alarms' context rows of this index. */
	public AlarmContexts contexts() {
		return new AlarmContexts(this.jdbc, this.writes, this.rowLocks);
	}

	/** The cluster tables of this index, as one instance of several sees them. */
	public ClusterTables cluster() {
		return new ClusterTables(this.jdbc, this.writes, this.rowLocks, LEASE);
	}

	/**
	 * The shared queue's claims on this index (row locks skipped where there are any).
	 */
	public JobClaims claims() {
		return new JobClaims(this.jdbc, this.writes, this.rowLocks, LEASE, this.held);
	}

	/**
	 * Lets time pass for the leases, claims and heartbeats: every stored time of the
	 * cluster tables moves back by {@code d}. On PostgreSQL they are judged by the
	 * server's clock, on SQLite by the {@code now} the caller passes; moving the stored
	 * times works for both.
	 */
	/**
	 * As if the database had taken the claim on the job but its answer was lost: the row
	 * names this instance, which does not know it holds it.
	 */
	void claimAnswerLost(long jobId) {
		this.held.ended(jobId);
	}

	public void timePasses(Duration d) {
		shift("camera_lease", "camera_id", List.of("since", "lease_until", "previous_until"), d);
		shift("job", "id", List.of("lease_until"), d);
		shift("instance", "id", List.of("started_at", "heartbeat_at"), d);
		shift("notification", "id", List.of("lease_until"), d);
		shift("upload", "id", List.of("lease_until"), d);
	}

	private void shift(String table, String key, List<String> columns, Duration d) {
		for (String column : columns) {
			List<Map<String, Object>> rows = this.jdbc
				.sql("SELECT " + key + " AS k, " + column + " AS v FROM " + table + " WHERE " + column + " IS NOT NULL")
				.query((rs, row) -> Map.<String, Object>of("k", rs.getObject("k"), "v", rs.getString("v")))
				.list();
			for (Map<String, Object> row : rows) {
				this.jdbc.sql("UPDATE " + table + " SET " + column + " = :v WHERE " + key + " = :k")
					.param("v",
							io.videostore.clips.db.Timestamps
								.format(io.videostore.clips.db.Timestamps.parse((String) row.get("v")).minus(d)))
					.param("k", row.get("k"))
					.update();
			}
		}
	}

	/**
	 * The shared queue's claims as another instance sees them: its fencing tokens are its
	 * own, not those of {@link #jobs}.
	 */
	public JobClaims claimsOfAnotherInstance() {
		return new JobClaims(this.jdbc, this.writes, this.rowLocks, LEASE, new HeldClaims());
	}

	/** Marks a clip as uploaded too, as the upload outbox will. */
	public void markUploaded(long clipId) {
		this.jdbc.sql("UPDATE clip SET location = 'both' WHERE id = :id").param("id", clipId).update();
	}

	/** A clip's row in the upload outbox, as it is now. */
	public UploadRow upload(long clipId) {
		return this.jdbc.sql("SELECT object_key, state, attempts, last_error FROM upload WHERE clip_id = :id")
			.param("id", clipId)
			.query((rs, row) -> new UploadRow(rs.getString("object_key"), rs.getString("state"), rs.getInt("attempts"),
					rs.getString("last_error")))
			.single();
	}

	/** An upload outbox row: {@code attempts} counts the failed ones. */
	public record UploadRow(String objectKey, String state, int attempts, String lastError) {
	}

	@Override
	public void close() {
		this.dataSource.close();
	}

	/**
	 * The index beans as the service gets them, with Boot's own DataSource, Flyway and
	 * JdbcClient wiring.
	 */
	public static ApplicationContextRunner contextRunner(Path videos) {
		return contextRunner(videos, DatabaseConfig.DEFAULT);
	}

	static ApplicationContextRunner contextRunner(Path videos, DatabaseConfig database) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class,
					JdbcTemplateAutoConfiguration.class, JdbcClientAutoConfiguration.class))
			.withUserConfiguration(ClipsConfiguration.class)
			.withBean(AppConfig.class, () -> config(videos, database));
	}

	static AppConfig config(Path videos) {
		return config(videos, DatabaseConfig.DEFAULT);
	}

	static AppConfig config(Path videos, DatabaseConfig database) {
		VideoConfig video = VideoConfig.DEFAULTS.withOutput(videos);
		return new AppConfig(new IxonApiConfig("", "", "", "", "", IxonApiConfig.DEFAULT_BASE_URL),
				List.of(CameraConfig.demo(video)), video, WebhooksConfig.DEFAULTS, database, null, true);
	}

	static NewAlarm alarm(Instant receivedAt, String dedupeKey, String outcome) {
		return alarm(receivedAt, LocalDateTime.of(2025, 3, 4, 10, 15, 30), dedupeKey, outcome);
	}

	static NewAlarm alarm(Instant receivedAt, LocalDateTime createdOn, String dedupeKey, String outcome) {
		return new NewAlarm(receivedAt, createdOn, "1234-5678", "0123-4567-89ab", "Press 7", "Line 2", "Emergency stop",
				dedupeKey, "{\"shortContent\":\"Emergency stop\"}", "127.0.0.1", AlarmOutcome.of(outcome));
	}

}
