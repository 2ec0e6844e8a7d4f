package io.videostore.cli;

import java.io.File;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import io.videostore.cli.wizard.ConfigureWizard;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code video-store} command: flags of the original service ({@code -c -t -w -p -d})
 * plus {@code --config}, {@code --camera}, {@code --health}, {@code --completion},
 * {@code --help} and {@code --version}. With no action flag the service runs.
 */
@Command(name = "video-store", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
		sortOptions = false, usageHelpAutoWidth = true,
		description = { "Records a clip from the machine's camera whenever IXON Cloud Notify reports an alarm.",
				"With no action flag, runs the service (same as --webhook)." },
		exitCodeListHeading = "%nExit codes:%n", exitCodeList = { "0:success",
				"1:recording failed (--health: the service is not up)", "2:usage or configuration error" })
public class VideoStoreCommand implements Callable<Integer> {

	/**
	 * The configuration file when neither {@code --config} nor VIDEOSTORE_CONFIG names
	 * one.
	 */
	static final Path DEFAULT_CONFIG = Path.of("config.yml");

	static final int DEFAULT_PORT = 8080;

	@Spec
	CommandSpec spec;

	@Option(names = { "-c", "--configure" }, description = "Interactive set-up of the IXON camera (wizard).")
	boolean configure;

	@Option(names = { "-t", "--test-recording" },
			description = "Record one clip now from the configured (or demo) camera, then exit unless -w is given.")
	boolean testRecording;

	@Option(names = { "-w", "--webhook" }, description = "Run the webhook service (the default action).")
	boolean webhook;

	@Option(names = { "-p", "--port" }, paramLabel = "PORT",
			description = "HTTP port of the service (default: SERVER_PORT, else 8080).")
	Integer port;

	@Option(names = { "-d", "--debug" }, description = "Debug logging (never a remote debugger).")
	boolean debug;

	@Option(names = "--config", paramLabel = "FILE",
			description = { "Configuration file (default: VIDEOSTORE_CONFIG, else config.yml).",
					"Only the default config.yml is created from the template when missing." })
	Path config;

	@Option(names = "--camera", paramLabel = "ID", description = "Camera id for --test-recording (default: the first).")
	String camera;

	@Option(names = "--health",
			description = "Check that the service on this machine is up (its liveness probe); for Docker and systemd.")
	boolean health;

	@Option(names = "--hash-password",
			description = "Print a {bcrypt} hash of a password for web.users (read without echo, or from stdin).")
	boolean hashPassword;

	@Option(names = "--completion",
			description = "Print a bash/zsh completion script: source <(java -jar app.jar --completion)")
	boolean completion;

	/** The program: exits with the code {@link #run} returns. */
	public static void main(String[] args) {
		System.exit(run(args));
	}

	/** Parses the arguments and runs; returns the process exit code. */
	public static int run(String... args) {
		return commandLine(System.getenv()).execute(args);
	}

	static CommandLine commandLine(Map<String, String> env) {
		CommandLine cl = new CommandLine(new VideoStoreCommand(env));
		cl.setExitCodeExceptionMapper(ExitCodes::of);
		cl.setExecutionExceptionHandler(ExitCodes::handle);
		return cl;
	}

	private final Map<String, String> env;

	VideoStoreCommand(Map<String, String> env) {
		this.env = env;
	}

	@Override
	public Integer call() throws Exception {
		if (this.completion) {
			PrintWriter out = this.spec.commandLine().getOut();
			out.print(AutoComplete.bash("video-store", this.spec.commandLine()));
			out.flush();
			return ExitCodes.OK;
		}
		if (this.hashPassword) {
			return PasswordHash.print(System.console(), System.in, this.spec.commandLine().getOut(),
					this.spec.commandLine().getErr());
		}
		int servicePort = port();
		if (this.health) {
			return HealthCheck.of(servicePort).run(this.spec.commandLine().getOut(), this.spec.commandLine().getErr());
		}
		Logging.configure(this.debug);
		ConfigFile file = ConfigFile.choose(this.config, this.env);
		Session session = Session.open(file, this.env);
		if (this.configure) {
			int code = ExitCodes.of(
					ConfigureWizard
						.forTerminal(file.path(), session.config(), testCommand(file),
								ExitCodes.of(ConfigureWizard.Result.QUIT))
						.run());
			// Unlike the original (which always exited 1), -t and -w still run after a
			// successful set-up.
			if (code != ExitCodes.OK || !(this.testRecording || this.webhook)) {
				return code;
			}
			session = Session.open(file, this.env);
		}
		if (this.testRecording) {
			int code = new TestRecording(session, System.out).run(this.camera);
			if (!this.webhook || code != ExitCodes.OK) {
				return code;
			}
		}
		return ServiceLauncher.run(session, (this.port != null) ? this.port : null, this.debug);
	}

	/** {@code -p}, else SERVER_PORT (as Spring reads it), else 8080. */
	private int port() {
		String fromEnv = this.env.get("SERVER_PORT");
		int chosen;
		try {
			chosen = (this.port != null) ? this.port
					: (fromEnv != null && !fromEnv.isBlank()) ? Integer.parseInt(fromEnv.strip()) : DEFAULT_PORT;
		}
		catch (NumberFormatException ex) {
			throw new CommandLine.ParameterException(this.spec.commandLine(),
					"SERVER_PORT must be a port number, got '" + fromEnv + "'");
		}
		if (chosen < 1 || chosen > 65535) {
			throw new CommandLine.ParameterException(this.spec.commandLine(),
					((this.port != null) ? "--port" : "SERVER_PORT") + " must be between 1 and 65535, got " + chosen);
		}
		return chosen;
	}

	/**
	 * How the user records a test clip with this configuration, as they would type it:
	 * {@code java -jar app.jar -t} when run from the jar.
	 */
	static String testCommand(ConfigFile file) {
		String classPath = System.getProperty("java.class.path", "");
		String program = (classPath.endsWith(".jar") && !classPath.contains(File.pathSeparator))
				? "java -jar " + classPath : "video-store";
		return program + " -t" + (file.fromOption() ? " --config " + file.path() : "");
	}

}
