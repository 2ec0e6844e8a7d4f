package io.videostore.cli.wizard;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.videostore.cli.VideoStoreCommand;
import io.videostore.config.AppConfig;
import io.videostore.config.CameraConfig;
import io.videostore.config.loader.ConfigLoader;
import io.videostore.ffmpeg.FfmpegLocator;
import io.videostore.ixon.IxonClient;
import io.videostore.testcam.FakeIxon;
import io.videostore.testcam.IxonRig;
import io.videostore.testcam.NoFfmpegLeftBehind;
import io.videostore.testcam.TestCamera;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code --configure} wizard driven by scripted input against the fake IXON and a
 * real test recording.
 */
@NoFfmpegLeftBehind
class ConfigureWizardIntegrationTests {

	static final WizardTestRecording TWO_SECONDS = new WizardTestRecording(Duration.ofSeconds(2),
			FfmpegLocator.withDefaultCache());

	@TempDir
	Path dir;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	@Test
	void happyPathThroughTheCommandLineWritesTheCameraOwnerOnlyAndExitsZero() throws IOException {
		try (IxonRig rig = IxonRig.digest()) {
			Path file = Files.writeString(dir.resolve("config.yml"), rig.ixonSection(FakeIxon.PASSWORD));
			InputStream stdin = System.in;
			PrintStream stdout = System.out;
			System.setIn(input("1", "1", "", "3", "viewer", IxonRig.CAMERA_PASSWORD, "6", "y"));
			System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
			int code;
			try {
				code = VideoStoreCommand.run("--config", file.toString(), "--configure");
			}
			finally {
				System.setIn(stdin);
				System.setOut(stdout);
			}

			assertThat(code).as(output()).isZero();
			assertThat(output()).contains("Logged in to IXON as " + FakeIxon.EMAIL, "1) Acme Machines",
					"Press 1  - online, 1 HTTP service", "Press 2  - offline, no HTTP service", "Test recording OK: ",
					"640x360 h264", "camera.auth.password = ****", "Saved");
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
			CameraConfig camera = load(file).camera("default").orElseThrow();
			assertThat(camera.companyId()).isEqualTo(FakeIxon.COMPANY);
			assertThat(camera.webaccessServiceId()).isEqualTo(FakeIxon.SERVICE);
			assertThat(camera.streamPath()).isEqualTo(TestCamera.DEFAULT_PATH);
			assertThat(camera.auth().password()).isEqualTo(IxonRig.CAMERA_PASSWORD);
			assertThat(output()).doesNotContain(IxonRig.CAMERA_PASSWORD, FakeIxon.PASSWORD, "AUTHCODE");
		}
	}

	@Test
	void wrongIndexesAndADeviceWithoutHttpServiceAreAskedAgain() throws IOException {
		try (IxonRig rig = IxonRig.digest()) {
			Path file = Files.writeString(dir.resolve("config.yml"), rig.ixonSection(FakeIxon.PASSWORD));

			ConfigureWizard.Result result = wizard(file, rig, "1", "7", "abc", "2", "3", "", "3", "viewer",
					IxonRig.CAMERA_PASSWORD, "6", "y");

			assertThat(result).as(output()).isEqualTo(ConfigureWizard.Result.SAVED);
			assertThat(output()).contains("'7' is not one of the choices; enter a number from 1 to 3.",
					"'abc' is not one of the choices", "'Press 2' has no HTTP service; choose another device.");
			assertThat(load(file).camera("default").orElseThrow().webaccessServiceId())
				.isEqualTo(FakeIxon.GATE_SERVICE);
		}
	}

	@Test
	void emptyCompanySendsTheUserBackToTheCompanies() throws IOException {
		try (IxonRig rig = IxonRig.digest()) {
			Path file = Files.writeString(dir.resolve("config.yml"), rig.ixonSection(FakeIxon.PASSWORD));

			ConfigureWizard.Result result = wizard(file, rig, "2", "1", "1", "", "3", "viewer", IxonRig.CAMERA_PASSWORD,
					"6", "y");

			assertThat(result).as(output()).isEqualTo(ConfigureWizard.Result.SAVED);
			assertThat(output()).contains("Company 'Empty Co' has no devices.");
		}
	}

	@Test
	void twoFactorAccountAsksForTheSecretAndAFailedTestLetsTheUserFixTheCamera() throws IOException {
		try (IxonRig rig = IxonRig.digest()) {
			rig.ixon.requireOtp(true);
			Path file = Files.writeString(dir.resolve("config.yml"), rig.ixonSection(FakeIxon.PASSWORD));

			ConfigureWizard.Result result = wizard(file, rig, FakeIxon.OTP_SECRET, "1", "1", "", "3", "viewer",
					"wrong-camera-pass", "6", "1", "3", "", IxonRig.CAMERA_PASSWORD, "1", "y");

			assertThat(result).as(output()).isEqualTo(ConfigureWizard.Result.SAVED);
			assertThat(output()).contains("One-Time Password required", "2FA secret",
					"Test recording FAILED: camera 'default' through IXON web access: camera at http://127.0.0.1:",
					"refused the credentials of user 'viewer'", "Test recording OK");
			assertThat(load(file).ixonApi().otpSecret()).isEqualTo(FakeIxon.OTP_SECRET);
			assertThat(output()).doesNotContain(FakeIxon.OTP_SECRET, "wrong-camera-pass", IxonRig.CAMERA_PASSWORD);
		}
	}

	@Test
	void theTemplateKeepsItsCommentsAndUnrelatedKeys() throws IOException {
		try (IxonRig rig = IxonRig.digest()) {
			Path file = dir.resolve("config.yml");
			ConfigLoader.ensureExists(file);
			String template = Files.readString(file)
				.replace("api_key: ''", "api_key: '" + FakeIxon.APPLICATION + "'")
				.replace("email: ''", "email: '" + FakeIxon.EMAIL + "'")
				.replace("password: ''", "password: '" + FakeIxon.PASSWORD + "'")
				.replace("'https://portal.ixon.cloud/api/'", "'" + rig.ixon.baseUrl() + "'")
				.replace("duration: 10 ", "duration: 7  ") + "# my own note at the end\nstorage: {}\n";
			Files.writeString(file, template);

			ConfigureWizard.Result result = wizard(file, rig, "1", "1", "", "3", "viewer", IxonRig.CAMERA_PASSWORD, "6",
					"y");

			assertThat(result).as(output()).isEqualTo(ConfigureWizard.Result.SAVED);
			String saved = Files.readString(file);
			assertThat(saved).startsWith(template);
			assertThat(saved.substring(template.length())).isEqualTo("""
					camera:
					  company_id: '%s'
					  webaccess_service_id: '%s'
					  stream_path: '/mjpg/video.mjpg'
					  auth:
					    type: digest
					    username: 'viewer'
					    password: '%s'
					""".formatted(FakeIxon.COMPANY, FakeIxon.SERVICE, IxonRig.CAMERA_PASSWORD));
			assertThat(load(file).video().duration()).isEqualTo(Duration.ofSeconds(7));
		}
	}

	@Test
	void legacyConfigIsUpgradedInPlaceChangingOnlyWhatTheUserChanged() throws IOException {
		try (IxonRig rig = new IxonRig(TestCamera.Options.digest("viewer", "camera-pass"))) {
			Path file = dir.resolve("config.yml");
			String legacy = new String(getClass().getResourceAsStream("/config/legacy-config.yml").readAllBytes(),
					StandardCharsets.UTF_8)
				.replace("  password: 'correct horse battery staple'\n",
						"  password: '" + FakeIxon.PASSWORD + "'\n  base_url: '" + rig.ixon.baseUrl() + "'\n")
				.replace("'app-id-from-ixon-support'", "'" + FakeIxon.APPLICATION + "'")
				.replace("'service-user@example.com'", "'" + FakeIxon.EMAIL + "'");
			Files.writeString(file, legacy);

			ConfigureWizard.Result result = wizard(file, rig, "", "", "", "", "", "", "7", "y");

			assertThat(result).as(output()).isEqualTo(ConfigureWizard.Result.SAVED);
			assertThat(Files.readString(file)).isEqualTo(legacy
				.replace("webaccess_service_id: 'srvPublicId01'", "webaccess_service_id: '" + FakeIxon.SERVICE + "'")
				.replace("stream_path: '/axis-cgi/mjpg/video.cgi'", "stream_path: '/mjpg/video.mjpg'"));
		}
	}

	@Test
	void endOfInputLeavesTheFileUntouched() throws IOException {
		try (IxonRig rig = IxonRig.digest()) {
			Path file = Files.writeString(dir.resolve("config.yml"), rig.ixonSection(FakeIxon.PASSWORD));
			byte[] before = Files.readAllBytes(file);

			ConfigureWizard.Result result = wizard(file, rig, "1", "1");

			assertThat(result).isEqualTo(ConfigureWizard.Result.QUIT);
			assertThat(output()).contains("Stopped (input ended)", "was not changed");
			assertThat(Files.readAllBytes(file)).isEqualTo(before);
		}
	}

	@Test
	void aSavedKeyThatAnEnvironmentVariableOverridesIsPointedOut() throws IOException {
		try (IxonRig rig = IxonRig.digest()) {
			Path file = Files.writeString(dir.resolve("config.yml"), rig.ixonSection(FakeIxon.PASSWORD));
			AppConfig config = load(file);
			WizardConsole console = new WizardConsole(
					new StringReader(
							String.join("\n", "1", "1", "", "3", "viewer", IxonRig.CAMERA_PASSWORD, "6", "y") + "\n"),
					new PrintStream(out, true, StandardCharsets.UTF_8), null);

			ConfigureWizard.Result result = new ConfigureWizard(file, config, console, IxonClient::create, TWO_SECONDS,
					"video-store -t")
				.withEnvironment(Map.of("VIDEOSTORE_CAMERA_PASSWORD", "from-the-environment"))
				.run();

			assertThat(result).as(output()).isEqualTo(ConfigureWizard.Result.SAVED);
			assertThat(output()).contains(
					"Note: the environment variable VIDEOSTORE_CAMERA_PASSWORD is set and overrides camera.auth.password.")
				.doesNotContain("from-the-environment");
		}
	}

	@Test
	void ctrlCAtAPromptLeavesTheFileUntouchedAndExitsOne() throws Exception {
		Path file = Files.writeString(dir.resolve("config.yml"), "video:\n  duration: 5\n");
		byte[] before = Files.readAllBytes(file);
		// env --default-signal: a JVM started from a background job would ignore SIGINT.
		Process wizard = new ProcessBuilder("env", "--default-signal=INT",
				Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), "io.videostore.cli.VideoStoreCommand", "--config",
				file.toString(), "--configure")
			.redirectErrorStream(true)
			.start();
		try {
			StringBuilder seen = new StringBuilder();
			java.io.InputStream in = wizard.getInputStream();
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				while (in.available() > 0) {
					seen.append((char) in.read());
				}
				return seen.toString().contains("(end of input or Ctrl-C quits without saving)");
			});

			new ProcessBuilder("kill", "-INT", String.valueOf(wizard.pid())).start().waitFor();

			assertThat(wizard.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
			assertThat(wizard.exitValue()).as(seen.toString()).isEqualTo(1);
			assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).contains("Stopped (Ctrl-C)",
					"was not changed");
			assertThat(Files.readAllBytes(file)).isEqualTo(before);
		}
		finally {
			wizard.destroyForcibly();
		}
	}

	private ConfigureWizard.Result wizard(Path file, IxonRig rig, String... lines) {
		AppConfig config = load(file);
		WizardConsole console = new WizardConsole(new StringReader(String.join("\n", lines) + "\n"),
				new PrintStream(out, true, StandardCharsets.UTF_8), null);
		return new ConfigureWizard(file, config, console, IxonClient::create, TWO_SECONDS, "video-store -t").run();
	}

	private static AppConfig load(Path file) {
		return new ConfigLoader(Map.of()).load(file);
	}

	private static ByteArrayInputStream input(String... lines) {
		return new ByteArrayInputStream((String.join("\n", List.of(lines)) + "\n").getBytes(StandardCharsets.UTF_8));
	}

	private String output() {
		return out.toString(StandardCharsets.UTF_8);
	}

}
