package io.videostore.clips;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.videostore.VideoStoreApplication;
import io.videostore.config.AppConfig;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole service on an index left behind by a previous run: Boot uses this package's
 * DataSource, Flyway finds nothing to migrate, the open job is closed and the database
 * shows in the health report.
 */
class ClipsIntegrationTests {

	@TempDir
	Path videos;

	@Test
	void serviceRestartedOnAnOldIndexClosesItsRunningJobWithTheTrueReasonAndReportsDatabaseHealth() throws Exception {
		long alarm;
		long job;
		// The service below keeps its index in SQLite (started without TestServices).
		try (TestIndex previousRun = TestIndex.open(TestDatabase.SQLITE, this.videos, Clock.systemUTC())) {
			Instant now = Instant.now();
			alarm = previousRun.alarms.recordAlarm(TestIndex.alarm(now, "k", "accepted"));
			job = previousRun.jobs.createJob(alarm, "default", JobState.RUNNING, now, now.plusSeconds(10), null);
		}

		try (ConfigurableApplicationContext context = start(TestIndex.config(this.videos))) {
			assertThat(context.getBeansOfType(DataSource.class)).containsOnlyKeys("dataSource");
			assertThat(context.getBean(HikariDataSource.class).getPoolName()).isEqualTo("videostore-index");
			assertThat(context.getBean(Flyway.class).info().pending()).isEmpty();
			assertThat(context.getBean(Jobs.class).jobsForAlarm(alarm)).singleElement()
				.satisfies((j) -> assertThat(j.state()).isEqualTo(JobState.FAILED))
				.satisfies((j) -> assertThat(j.reason()).startsWith("the service died during the recording")
					.endsWith("camera 'default' is no longer configured"));

			String port = context.getEnvironment().getProperty("local.server.port");
			HttpResponse<String> health = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/db")).build(),
						HttpResponse.BodyHandlers.ofString());
			assertThat(health.statusCode()).isEqualTo(200);
			assertThat(health.body()).contains("\"status\":\"UP\"", "\"database\":\"SQLite\"");
		}
	}

	private static ConfigurableApplicationContext start(AppConfig config) {
		SpringApplication app = new SpringApplication(VideoStoreApplication.class);
		app.setDefaultProperties(Map.of("server.port", 0));
		app.addInitializers((ctx) -> ((GenericApplicationContext) ctx).registerBean(AppConfig.class, () -> config));
		return app.run();
	}

}
