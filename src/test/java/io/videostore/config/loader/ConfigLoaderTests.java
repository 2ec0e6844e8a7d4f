package io.videostore.config.loader;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.videostore.config.AppConfig;
import io.videostore.config.CameraAuth;
import io.videostore.config.CameraAuth.AuthType;
import io.videostore.config.CameraConfig;
import io.videostore.config.CameraSourceType;
import io.videostore.config.DatabaseConfig;
import io.videostore.config.IxonApiConfig;
import io.videostore.config.MatchRules;
import io.videostore.config.VideoConfig;
import io.videostore.config.WebhooksConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ConfigLoader}: legacy files, defaults, value formats and warnings.
 */
class ConfigLoaderTests {

	@TempDir
	Path dir;

	@Test
	void legacyConfigLoadsUnchangedAsCameraDefaultMatchingEveryAlarm() {
		ConfigLoader loader = new ConfigLoader(Map.of());
		AppConfig config = loader.load(ConfigFiles.legacyExample());
		assertThat(config.ixonApi().apiKey()).isEqualTo("app-id-from-ixon-support");
		assertThat(config.ixonApi().email()).isEqualTo("service-user@example.com");
		assertThat(config.ixonApi().password()).isEqualTo("correct horse battery staple");
		assertThat(config.ixonApi().baseUrl()).isEqualTo(IxonApiConfig.DEFAULT_BASE_URL);
		assertThat(config.video()).isEqualTo(new VideoConfig(true, Duration.ofSeconds(10), 10, true, "auto",
				Path.of("videos"), Duration.ZERO, Duration.ZERO, Duration.ofSeconds(10)));
		assertThat(config.webhooks().queueSize()).isEqualTo(10);
		assertThat(config.demoFallback()).isFalse();
		assertThat(config.cameras()).containsExactly(new CameraConfig("default", "default", CameraSourceType.IXON, null,
				new CameraAuth(AuthType.DIGEST, "viewer", "camera-pass"), "1111-2222-3333-4444-5555", "srvPublicId01",
				"http", "/axis-cgi/mjpg/video.cgi", MatchRules.ALL, config.video()));
		assertThat(loader.warnings()).isEmpty();
	}

	@Test
	void templateLoadsWithDefaultsAndTheDemoCameraWithoutWarnings() {
		ConfigLoader loader = new ConfigLoader(Map.of());
		AppConfig config = loader.load(ConfigFiles.TEMPLATE);
		assertThat(config.demoFallback()).isTrue();
		assertThat(config.cameras()).containsExactly(CameraConfig.demo(VideoConfig.DEFAULTS));
		assertThat(config.video()).isEqualTo(VideoConfig.DEFAULTS);
		assertThat(config.webhooks()).isEqualTo(WebhooksConfig.DEFAULTS);
		assertThat(config.ixonApi()).isEqualTo(new IxonApiConfig("", "", "", "", "", IxonApiConfig.DEFAULT_BASE_URL));
		assertThat(loader.warnings()).isEmpty();
	}

	@Test
	void emptyFileMeansAllDefaultsAndTheDemoCamera() {
		AppConfig config = ConfigFiles.load(this.dir, "# nothing yet\n");
		assertThat(config.demoFallback()).isTrue();
		assertThat(config.video()).isEqualTo(VideoConfig.DEFAULTS);
		assertThat(config.webhooks()).isEqualTo(WebhooksConfig.DEFAULTS);
		assertThat(config.source()).isEqualTo(this.dir.resolve("config.yml"));
	}

	@Test
	void legacyCameraWithoutServiceIdIsNotConfigured() {
		AppConfig config = ConfigFiles.load(this.dir, """
				camera:
				  auth:
				    type: digest
				    username: ''
				    password: ''
				  company_id: ''
				  webaccess_service_id: ''
				""");
		assertThat(config.demoFallback()).isTrue();
		assertThat(config.cameras()).extracting(CameraConfig::id).containsExactly("demo");
	}

	@Test
	void quotedFractionalAndYesNoValuesAreAccepted() {
		AppConfig config = ConfigFiles.load(this.dir, """
				video:
				  debug_info: yes
				  duration: '10'
				  framerate: 12.5
				  recode: no
				  pre_roll: 2.25
				  output: /var/clips
				webhooks:
				  dedupe_window: 0
				  clock_skew: 2.5
				""");
		assertThat(config.video().debugInfo()).isTrue();
		assertThat(config.video().duration()).isEqualTo(Duration.ofSeconds(10));
		assertThat(config.video().framerate()).isEqualTo(12.5);
		assertThat(config.video().recode()).isFalse();
		assertThat(config.video().preRoll()).isEqualTo(Duration.ofMillis(2250));
		assertThat(config.video().output()).isEqualTo(Path.of("/var/clips"));
		assertThat(config.webhooks().dedupeWindow()).isZero();
		assertThat(config.webhooks().clockSkew()).isEqualTo(Duration.ofMillis(2500));
	}

	@Test
	void queueSizeZeroOrLessMeansTheLegacyUnboundedQueueCappedAt1000() {
		assertThat(ConfigFiles.load(this.dir, "webhooks:\n  queue_size: 0\n").webhooks().queueSize()).isEqualTo(1000);
		assertThat(ConfigFiles.load(this.dir, "webhooks:\n  queue_size: -5\n").webhooks().queueSize()).isEqualTo(1000);
	}

	@Test
	void baseUrlGetsATrailingSlash() {
		AppConfig config = ConfigFiles.load(this.dir, "IXON_api:\n  base_url: https://ixon.example.com/api\n");
		assertThat(config.ixonApi().baseUrl()).hasToString("https://ixon.example.com/api/");
	}

	@Test
	void unknownKeysAreWarnedAboutWithTheirLineAndIgnored() {
		ConfigLoader loader = new ConfigLoader(Map.of());
		AppConfig config = loader.load(ConfigFiles.write(this.dir, """
				video:
				  duraton: 12
				cameras:
				  - id: test
				    source: demo
				    colour: red
				extra: 1
				storage:
				  retention: {max_age: 30d}
				database:
				  url: jdbc:sqlite:clips.db
				"""));
		assertThat(config.video()).isEqualTo(VideoConfig.DEFAULTS);
		assertThat(config.database().url()).isEqualTo("jdbc:sqlite:clips.db");
		assertThat(loader.warnings()).containsExactly("unknown key video.duraton at config.yml:2 (ignored)",
				"unknown key cameras[0].colour at config.yml:6 (ignored)",
				"unknown key extra at config.yml:7 (ignored)");
	}

	@Test
	void databaseUrlComesFromTheFileOrTheEnvironmentAndAServerPasswordNeverShows() {
		String yaml = "database:\n  url: jdbc:sqlite:/var/lib/vs/index.db\n";
		assertThat(ConfigFiles.load(this.dir, "").database().isDefault()).isTrue();
		assertThat(ConfigFiles.load(this.dir, yaml).database().url()).isEqualTo("jdbc:sqlite:/var/lib/vs/index.db");
		AppConfig fromEnv = new ConfigLoader(Map.of("VIDEOSTORE_DATABASE_URL", "jdbc:sqlite:/srv/other.db"))
			.load(ConfigFiles.write(this.dir, yaml));
		assertThat(fromEnv.database().url()).isEqualTo("jdbc:sqlite:/srv/other.db");
		assertThat(new DatabaseConfig("jdbc:postgresql://db/vs?user=vs&password=hunter22").toString())
			.doesNotContain("hunter22");
		assertThat(new DatabaseConfig("jdbc:postgresql://vs:hunter22@db/vs").toString()).doesNotContain("hunter22");
	}

	@Test
	void aPostgresqlUserAndPasswordComeFromTheFileOrTheEnvironmentAndThePasswordNeverShows() {
		String yaml = """
				database:
				  url: jdbc:postgresql://db.example.com:5432/videostore
				  username: vs
				  password: hunter22
				""";
		DatabaseConfig fromFile = ConfigFiles.load(this.dir, yaml).database();
		ConfigLoader loader = new ConfigLoader(Map.of("VIDEOSTORE_DATABASE_URL", "jdbc:postgresql://other/vs",
				"VIDEOSTORE_DATABASE_USERNAME", "svc", "VIDEOSTORE_DATABASE_PASSWORD", "from-the-vault"));
		DatabaseConfig fromEnv = loader.load(ConfigFiles.write(this.dir, "")).database();

		assertThat(fromFile).extracting(DatabaseConfig::url, DatabaseConfig::username, DatabaseConfig::password)
			.containsExactly("jdbc:postgresql://db.example.com:5432/videostore", "vs", "hunter22");
		assertThat(fromEnv).extracting(DatabaseConfig::url, DatabaseConfig::username, DatabaseConfig::password)
			.containsExactly("jdbc:postgresql://other/vs", "svc", "from-the-vault");
		assertThat(loader.warnings()).isEmpty();
		assertThat(fromFile.toString()).contains("username=vs").doesNotContain("hunter22");
		assertThat(fromEnv.toString()).doesNotContain("from-the-vault");
	}

	@Test
	void duplicateKeysKeepThePythonMeaningTheLaterWinsWithAWarning() {
		ConfigLoader loader = new ConfigLoader(Map.of());
		AppConfig config = loader.load(ConfigFiles.write(this.dir, "video:\n  duration: 5\n  duration: 7\n"));
		assertThat(config.video().duration()).isEqualTo(Duration.ofSeconds(7));
		assertThat(loader.warnings())
			.containsExactly("duplicate key video.duration at config.yml:3 (the later one wins)");
	}

}
