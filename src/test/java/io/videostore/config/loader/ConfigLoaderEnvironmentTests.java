package io.videostore.config.loader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.videostore.config.AppConfig;
import io.videostore.config.CameraAuth;
import io.videostore.config.CameraConfig;
import io.videostore.config.ConfigException;
import io.videostore.config.IxonApiConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for secrets and other values that come from environment variables.
 */
class ConfigLoaderEnvironmentTests {

	@TempDir
	Path dir;

	@Test
	void dollarBraceValueIsReplacedByTheEnvironmentVariable() {
		AppConfig config = ConfigFiles.load(this.dir, """
				IXON_api:
				  password: ${IXON_PASSWORD}
				video:
				  duration: '${CLIP_SECONDS}'
				""", Map.of("IXON_PASSWORD", "from-env", "CLIP_SECONDS", "15"));
		assertThat(config.ixonApi().password()).isEqualTo("from-env");
		assertThat(config.video().duration()).isEqualTo(Duration.ofSeconds(15));
	}

	@Test
	void dollarBraceValueWithUnsetVariableIsAnErrorNamingKeyLineAndVariable() {
		assertThatExceptionOfType(ConfigException.class).isThrownBy(() -> ConfigFiles.load(this.dir, """
				IXON_api:
				  api_key: app
				  password: ${IXON_PASSWORD}
				""")).withMessage("IXON_api.password at config.yml:3: environment variable IXON_PASSWORD is not set");
	}

	@Test
	void fixedVariablesOverrideTheLegacyFile() {
		Map<String, String> env = Map.of("VIDEOSTORE_IXON_API_KEY", "env-app", "VIDEOSTORE_IXON_EMAIL", "env@x.com",
				"VIDEOSTORE_IXON_PASSWORD", "env-pass", "VIDEOSTORE_IXON_OTP_SECRET", "JBSWY3DPEHPK3PXP",
				"VIDEOSTORE_IXON_ACCESS_TOKEN", "env-token", "VIDEOSTORE_WEBHOOK_SECRET", "env-hook",
				"VIDEOSTORE_CAMERA_PASSWORD", "env-cam");
		AppConfig config = new ConfigLoader(env).load(ConfigFiles.legacyExample());
		assertThat(config.ixonApi()).isEqualTo(new IxonApiConfig("env-app", "env@x.com", "env-pass", "JBSWY3DPEHPK3PXP",
				"env-token", IxonApiConfig.DEFAULT_BASE_URL));
		assertThat(config.webhooks().secret()).isEqualTo("env-hook");
		assertThat(config.cameras().get(0).auth().password()).isEqualTo("env-cam");
		assertThat(config.cameras().get(0).auth().username()).isEqualTo("viewer");
	}

	@Test
	void emptyVariablesDoNotOverrideTheFile() {
		AppConfig config = new ConfigLoader(Map.of("VIDEOSTORE_IXON_PASSWORD", "", "VIDEOSTORE_CAMERA_PASSWORD", ""))
			.load(ConfigFiles.legacyExample());
		assertThat(config.ixonApi().password()).isEqualTo("correct horse battery staple");
		assertThat(config.cameras().get(0).auth().password()).isEqualTo("camera-pass");
	}

	@Test
	void cameraIdVariablesFillUserNameAndPasswordAndWinOverTheLegacyName() {
		Map<String, String> env = Map.of("VIDEOSTORE_CAMERA_GATE_2_USERNAME", "env-user",
				"VIDEOSTORE_CAMERA_GATE_2_PASSWORD", "env-pw", "VIDEOSTORE_CAMERA_DEFAULT_PASSWORD", "specific",
				"VIDEOSTORE_CAMERA_PASSWORD", "generic");
		AppConfig config = ConfigFiles.load(this.dir, """
				camera:
				  auth: {type: digest, username: viewer}
				  company_id: c1
				  webaccess_service_id: s1
				cameras:
				  - id: gate-2
				    url: http://cam.local/mjpg
				    auth: {type: digest}
				""", env);
		assertThat(config.camera("gate-2").get().auth())
			.isEqualTo(new CameraAuth(CameraAuth.AuthType.DIGEST, "env-user", "env-pw"));
		assertThat(config.camera("default").get().auth().password()).isEqualTo("specific");
	}

	@Test
	void secretsAppearInNoToString() {
		AppConfig config = ConfigFiles.load(this.dir, """
				IXON_api:
				  api_key: app-key-1
				  password: ixon-pass-1
				  otp_secret: OTPSECRET1
				  access_token: token-1
				cameras:
				  - url: http://cam.local/mjpg
				    auth: {type: digest, username: viewer, password: cam-pass-1}
				webhooks:
				  secret: hook-secret-1
				""");
		assertThat(config.toString()).doesNotContain("app-key-1", "ixon-pass-1", "OTPSECRET1", "token-1", "cam-pass-1",
				"hook-secret-1");
	}

	@Test
	void everyKeyCanBeOverriddenByAVariableNamedAfterItsPath() {
		Map<String, String> env = Map.of("VIDEOSTORE_VIDEO_DURATION", "2", "VIDEOSTORE_WEBHOOKS_SECRET", "env-hook",
				"VIDEOSTORE_IXON_API_PASSWORD", "env-pass", "VIDEOSTORE_CAMERAS_0_URL", "http://other.local/mjpg",
				"VIDEOSTORE_CAMERAS_0_VIDEO_PRE_ROLL", "4", "VIDEOSTORE_WEBHOOKS_QUEUE_SIZE", "7",
				"VIDEOSTORE_VIDEO_RECODE", "false");
		AppConfig config = ConfigFiles.load(this.dir, """
				IXON_api:
				  password: file-pass
				cameras:
				  - id: gate
				    url: http://cam.local/mjpg
				video:
				  duration: 10
				""", env);

		assertThat(config.video().duration()).isEqualTo(Duration.ofSeconds(2));
		assertThat(config.video().recode()).isFalse();
		assertThat(config.webhooks().secret()).isEqualTo("env-hook");
		assertThat(config.webhooks().queueSize()).isEqualTo(7);
		assertThat(config.ixonApi().password()).isEqualTo("env-pass");
		CameraConfig gate = config.camera("gate").orElseThrow();
		assertThat(gate.url()).isEqualTo("http://other.local/mjpg");
		assertThat(gate.video().preRoll()).isEqualTo(Duration.ofSeconds(4));
		assertThat(gate.video().duration()).as("the camera inherits the overridden global")
			.isEqualTo(Duration.ofSeconds(2));
	}

	@Test
	void aKeyMissingFromTheFileCanComeFromItsVariable() {
		AppConfig config = ConfigFiles.load(this.dir, "", Map.of("VIDEOSTORE_VIDEO_DURATION", "3",
				"VIDEOSTORE_CAMERA_COMPANY_ID", "c1", "VIDEOSTORE_CAMERA_WEBACCESS_SERVICE_ID", "s1"));

		assertThat(config.video().duration()).isEqualTo(Duration.ofSeconds(3));
		assertThat(config.demoFallback()).isFalse();
		assertThat(config.cameras()).singleElement().satisfies((camera) -> {
			assertThat(camera.companyId()).isEqualTo("c1");
			assertThat(camera.webaccessServiceId()).isEqualTo("s1");
		});
	}

	@Test
	void theVariableNamedAfterThePathWinsOverTheOlderName() {
		AppConfig config = new ConfigLoader(
				Map.of("VIDEOSTORE_WEBHOOK_SECRET", "old-name", "VIDEOSTORE_WEBHOOKS_SECRET", "new-name",
						"VIDEOSTORE_CAMERA_PASSWORD", "old-camera", "VIDEOSTORE_CAMERA_AUTH_PASSWORD", "new-camera"))
			.load(ConfigFiles.legacyExample());

		assertThat(config.webhooks().secret()).isEqualTo("new-name");
		assertThat(config.cameras().get(0).auth().password()).isEqualTo("new-camera");
	}

	@Test
	void aBadValueInAVariableIsAnErrorNamingTheKeyAndTheVariable() {
		assertThatExceptionOfType(ConfigException.class).isThrownBy(
				() -> ConfigFiles.load(this.dir, "video:\n  duration: 5\n", Map.of("VIDEOSTORE_VIDEO_DURATION", "ten")))
			.withMessage("video.duration (environment variable VIDEOSTORE_VIDEO_DURATION): expected a positive number "
					+ "of seconds, got 'ten'");
	}

	@Test
	void aMistypedVariableIsWarnedAboutInsteadOfSilentlyIgnored() {
		ConfigLoader loader = new ConfigLoader(
				Map.of("VIDEOSTORE_VIDEO_DURATON", "2", "VIDEOSTORE_VIDEO", "x", "VIDEOSTORE_CONFIG", "config.yml",
						"VIDEOSTORE_STORAGE_RETENTION_MAX_AGE", "30d", "OTHER_VARIABLE", "y"));
		loader.load(ConfigFiles.legacyExample());

		assertThat(loader.warnings()).containsExactly(
				"environment variable VIDEOSTORE_VIDEO matches no configuration key (ignored)",
				"environment variable VIDEOSTORE_VIDEO_DURATON matches no configuration key (ignored)");
	}

	@Test
	void theServicesOwnSwitchesAreNotWarnedAboutAsMistypedKeys() throws IOException {
		// Every videostore.* Spring property the code reads, as its environment variable,
		// and every switch the tests, the benchmarks and CI read.
		Set<String> switches = new TreeSet<>();
		for (Path root : List.of(Path.of("src/main/java"), Path.of("src/main/resources"))) {
			try (Stream<Path> files = Files.walk(root)) {
				for (Path f : files.filter(Files::isRegularFile).toList()) {
					Matcher m = Pattern.compile("\\$\\{videostore\\.([a-z0-9.-]+)").matcher(Files.readString(f));
					while (m.find()) {
						switches.add(ConfigEnvironment.PREFIX
								+ m.group(1).replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT));
					}
				}
			}
		}
		Matcher m = Pattern.compile("VIDEOSTORE_(REQUIRE|TEST)_[A-Z_]+|VIDEOSTORE_BENCH")
			.matcher(Files.readString(Path.of(".ci/run")));
		while (m.find()) {
			switches.add(m.group());
		}
		assertThat(switches).contains("VIDEOSTORE_UPLOADS_STALE_AFTER", "VIDEOSTORE_REQUIRE_BROWSER");

		Map<String, String> env = new HashMap<>();
		switches.forEach((name) -> env.put(name, "1"));
		ConfigLoader loader = new ConfigLoader(env);
		loader.load(ConfigFiles.legacyExample());

		assertThat(loader.warnings()).isEmpty();
	}

	@Test
	void theVariablesOfAKeyAreItsOwnThenTheOlderNames() {
		assertThat(ConfigEnvironment.variablesFor("camera.auth.password", "default")).containsExactly(
				"VIDEOSTORE_CAMERA_AUTH_PASSWORD", "VIDEOSTORE_CAMERA_DEFAULT_PASSWORD", "VIDEOSTORE_CAMERA_PASSWORD");
		assertThat(ConfigEnvironment.variablesFor("IXON_api.api_key", null))
			.containsExactly("VIDEOSTORE_IXON_API_API_KEY", "VIDEOSTORE_IXON_API_KEY");
		assertThat(ConfigEnvironment.variablesFor("cameras[2].match.device-id", "gate"))
			.containsExactly("VIDEOSTORE_CAMERAS_2_MATCH_DEVICE_ID");
	}

	@Test
	void credentialsFromVariablesAloneMeanDigestAuthentication() {
		AppConfig config = ConfigFiles.load(this.dir, """
				cameras:
				  - id: gate
				    url: http://cam.local/mjpg
				""", Map.of("VIDEOSTORE_CAMERAS_0_AUTH_USERNAME", "viewer", "VIDEOSTORE_CAMERA_GATE_PASSWORD", "pw"));

		assertThat(config.camera("gate").orElseThrow().auth())
			.isEqualTo(new CameraAuth(CameraAuth.AuthType.DIGEST, "viewer", "pw"));
	}

}
