package io.videostore.cli.wizard;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import io.videostore.config.AppConfig;
import io.videostore.config.CameraAuth;
import io.videostore.config.CameraAuth.AuthType;
import io.videostore.config.CameraConfig;
import io.videostore.config.CameraSourceType;
import io.videostore.config.ConfigException;
import io.videostore.config.IxonApiConfig;
import io.videostore.config.MatchRules;
import io.videostore.config.edit.ConfigFileEditor;
import io.videostore.config.loader.ConfigEnvironment;
import io.videostore.ffmpeg.FfmpegLocator;
import io.videostore.ixon.IxonClient;
import io.videostore.ixon.IxonException;

/**
 * {@code --configure}: sets up the IXON camera (the {@code camera:} section)
 * interactively. Logs in, lets the user pick company, device and HTTP service, asks the
 * camera's login and stream path, proves the choice with a short test recording, then
 * writes only the changed keys into config.yml. Quitting (or end of input, or Ctrl-C) at
 * any point leaves the file untouched.
 */
public final class ConfigureWizard {

	private static final String CAMERA_ID = "default";

	private final Path file;

	private final AppConfig config;

	private final WizardConsole console;

	private final WizardMenu menu;

	private final Function<IxonApiConfig, IxonClient> clients;

	private final WizardTestRecording tester;

	private final String testCommand;

	/** The exit code Ctrl+C leaves with, on a terminal; null to leave Ctrl+C alone. */
	private Integer ctrlCExitCode;

	private CtrlC ctrlC;

	/** The environment, to say which variables override what the wizard writes. */
	private Map<String, String> env = Map.of();

	/** How a run of the wizard ended; the command line maps it to an exit code. */
	public enum Result {

		/** The changed keys were written. */
		SAVED,
		/** Nothing differed from the file, which was left as it was. */
		UNCHANGED,
		/** The user quit, the input ended or IXON refused: the file was not changed. */
		QUIT,
		/** The new settings could not be written: the file was not changed. */
		SAVE_FAILED;

		/** True when the file now holds what the user chose. */
		public boolean succeeded() {
			return this == SAVED || this == UNCHANGED;
		}

	}

	ConfigureWizard(Path file, AppConfig config, WizardConsole console, Function<IxonApiConfig, IxonClient> clients,
			WizardTestRecording tester, String testCommand) {
		this.file = file;
		this.testCommand = testCommand;
		this.config = config;
		this.console = console;
		this.menu = new WizardMenu(console);
		this.clients = clients;
		this.tester = tester;
	}

	/**
	 * The wizard on this process's terminal (or scripted standard input), with a 3 s test
	 * recording.
	 * @param testCommand the command line that records a test clip with this file, for
	 * the last hint
	 */
	public static ConfigureWizard forTerminal(Path file, AppConfig config, String testCommand, int quitExitCode) {
		ConfigureWizard wizard = new ConfigureWizard(file, config, WizardConsole.system(), IxonClient::create,
				new WizardTestRecording(Duration.ofSeconds(3), FfmpegLocator.withDefaultCache()), testCommand);
		wizard.ctrlCExitCode = quitExitCode;
		wizard.env = System.getenv();
		return wizard;
	}

	/** The environment whose variables may override what the wizard saves. */
	ConfigureWizard withEnvironment(Map<String, String> environment) {
		this.env = environment;
		return this;
	}

	/** Runs the wizard. */
	public Result run() {
		Runnable stopped = () -> this.console
			.say(System.lineSeparator() + "Stopped (Ctrl-C); " + this.file + " was not changed.");
		try (CtrlC ctrlC = (this.ctrlCExitCode != null) ? CtrlC.quits(stopped, this.ctrlCExitCode) : null) {
			this.ctrlC = ctrlC;
			return ask();
		}
	}

	private Result ask() {
		console.say("IXON camera set-up for " + file + " (end of input or Ctrl-C quits without saving).");
		try {
			Map<String, String> changes = new LinkedHashMap<>();
			IxonClient client = new WizardIxonLogin(console, clients).login(config.ixonApi(), changes);
			CameraConfig existing = config.camera(CAMERA_ID)
				.filter((c) -> c.source() == CameraSourceType.IXON)
				.orElse(null);
			CameraConfig current = (existing != null) ? existing : blankCamera();
			WizardDevicePicker.Choice choice = new WizardDevicePicker(console, menu).pick(client, current.companyId(),
					current.webaccessServiceId());
			CameraConfig camera = withService(current, choice);
			camera = new WizardCamera(console, menu).ask(camera);
			camera = testUntilAccepted(camera, client);
			cameraChanges(existing, camera, changes);
			return save(changes);
		}
		catch (WizardAbortedException ex) {
			console.say("Stopped (" + ex.getMessage() + "); " + file + " was not changed.");
			return Result.QUIT;
		}
		catch (IxonException ex) {
			console.say("IXON: " + ex.getMessage());
			console.say("Stopped; " + file + " was not changed.");
			return Result.QUIT;
		}
	}

	/**
	 * Tests the camera; on failure lets the user change the settings, test again, save
	 * anyway or quit.
	 */
	private CameraConfig testUntilAccepted(CameraConfig camera, IxonClient client) {
		CameraConfig candidate = camera;
		while (!tester.run(config, candidate, client, console)) {
			String next = menu.choose("What now?",
					List.of("change the camera settings", "test again", "save anyway", "quit without saving"), (s) -> s,
					0);
			switch (next) {
				case "change the camera settings" -> candidate = new WizardCamera(console, menu).ask(candidate);
				case "save anyway" -> {
					return candidate;
				}
				case "quit without saving" -> throw new WizardAbortedException("quit");
				default -> {
					// test again
				}
			}
		}
		return candidate;
	}

	private Result save(Map<String, String> changes) {
		if (changes.isEmpty()) {
			console.say("Nothing changed; " + file + " left as it was.");
			return Result.UNCHANGED;
		}
		console.say("Settings to write into " + file + ":");
		changes.forEach((key, value) -> console.say("  " + key + " = " + (secret(key) ? "****" : value)));
		if (!console.confirm("Save them?", true)) {
			throw new WizardAbortedException("not saved");
		}
		try {
			ConfigFileEditor editor = ConfigFileEditor.open(file).setAll(changes);
			if (this.ctrlC != null) {
				this.ctrlC.whileSaving(editor::save);
			}
			else {
				editor.save();
			}
		}
		catch (ConfigException ex) {
			console.say("Cannot save: " + ex.getMessage());
			return Result.SAVE_FAILED;
		}
		console.say("Saved (readable by its owner only). Record a test clip any time with: " + testCommand);
		warnOverridden(changes);
		return Result.SAVED;
	}

	/**
	 * Variables set in the environment win over the file: say which would hide what was
	 * saved.
	 */
	private void warnOverridden(Map<String, String> changes) {
		for (String key : changes.keySet()) {
			ConfigEnvironment.variablesFor(key, CAMERA_ID)
				.stream()
				.filter((name) -> this.env.get(name) != null && !this.env.get(name).isEmpty())
				.findFirst()
				.ifPresent((name) -> this.console
					.say("Note: the environment variable " + name + " is set and overrides " + key + "."));
		}
	}

	/** The starting point when config.yml has no IXON {@code camera:} section yet. */
	private CameraConfig blankCamera() {
		return new CameraConfig(CAMERA_ID, CAMERA_ID, CameraSourceType.IXON, null,
				new CameraAuth(AuthType.DIGEST, "", ""), "", "", "http", "", MatchRules.ALL, config.video());
	}

	private static CameraConfig withService(CameraConfig c, WizardDevicePicker.Choice choice) {
		return new CameraConfig(c.id(), c.name(), c.source(), c.url(), c.auth(), choice.company().publicId(),
				choice.service().publicId(), c.webaccessAccessType(), c.streamPath(), c.match(), c.video());
	}

	/**
	 * The camera keys that differ from the file's (all of them when there was no camera
	 * section).
	 */
	private static void cameraChanges(CameraConfig before, CameraConfig after, Map<String, String> changes) {
		boolean none = before == null;
		changed(changes, "camera.company_id", none ? null : before.companyId(), after.companyId());
		changed(changes, "camera.webaccess_service_id", none ? null : before.webaccessServiceId(),
				after.webaccessServiceId());
		changed(changes, "camera.stream_path", none ? null : before.streamPath(), after.streamPath());
		changed(changes, "camera.auth.type", none ? null : before.auth().type().name().toLowerCase(Locale.ROOT),
				after.auth().type().name().toLowerCase(Locale.ROOT));
		changed(changes, "camera.auth.username", none ? null : before.auth().username(), after.auth().username());
		changed(changes, "camera.auth.password", none ? null : before.auth().password(), after.auth().password());
	}

	private static void changed(Map<String, String> changes, String key, String before, String after) {
		if (!Objects.equals(before, after)) {
			changes.put(key, after);
		}
	}

	private static boolean secret(String key) {
		return key.endsWith("password") || key.endsWith("otp_secret") || key.endsWith("api_key");
	}

}
