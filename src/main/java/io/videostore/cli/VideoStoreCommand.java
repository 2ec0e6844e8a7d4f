package io.videostore.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.videostore.cli.wizard.ConfigureWizard;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code video-store} command: flags of the original service ({@code -c -t -w -p -d})
 * plus {@code --config}, {@code --help} and {@code --version}. With no action flag the
 * service runs.
 */
@Command(name = "video-store", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
		sortOptions = false, usageHelpAutoWidth = true,
		description = { "Records a clip from the machine's camera whenever IXON Cloud Notify reports an alarm.",
				"With no action flag, runs the service (same as --webhook)." },
		exitCodeListHeading = "%nExit codes:%n",
		exitCodeList = { "0:success", "1:recording failed", "2:usage or configuration error" })
public class VideoStoreCommand implements Callable<Integer> {

	@Option(names = { "-c", "--configure" }, description = "Interactive set-up of the IXON camera (wizard).")
	boolean configure;

	@Option(names = { "-t", "--test-recording" },
			description = "Record one clip now from the configured (or demo) camera, then exit unless -w is given.")
	boolean testRecording;

	@Option(names = { "-w", "--webhook" }, description = "Run the webhook service (the default action).")
	boolean webhook;

	@Option(names = { "-p", "--port" }, defaultValue = "8080", paramLabel = "PORT",
			description = "HTTP port of the service (default: ${DEFAULT-VALUE}).")
	int port;

	@Option(names = { "-d", "--debug" }, description = "Debug logging (never a remote debugger).")
	boolean debug;

	@Option(names = "--config", defaultValue = "config.yml", paramLabel = "FILE",
			description = "Configuration file (default: ${DEFAULT-VALUE}); created from the template if missing.")
	Path config;

	@Option(names = "--camera", paramLabel = "ID", description = "Camera id for --test-recording (default: the first).")
	String camera;

	/** The program: exits with the code {@link #run} returns. */
	public static void main(String[] args) {
		System.exit(run(args));
	}

	/** Parses the arguments and runs; returns the process exit code. */
	public static int run(String... args) {
		return commandLine().execute(args);
	}

	static CommandLine commandLine() {
		CommandLine cl = new CommandLine(new VideoStoreCommand());
		cl.setExitCodeExceptionMapper(ExitCodes::of);
		cl.setExecutionExceptionHandler(ExitCodes::handle);
		return cl;
	}

	/**
	 * How the user records a test clip with this configuration, as they would type it:
	 * {@code java -jar app.jar -t} when run from the jar.
	 */
	String testCommand() {
		String classPath = System.getProperty("java.class.path", "");
		String program = (classPath.endsWith(".jar") && !classPath.contains(java.io.File.pathSeparator))
				? "java -jar " + classPath : "video-store";
		boolean defaultConfig = this.config.equals(java.nio.file.Path.of("config.yml"));
		return program + " -t" + (defaultConfig ? "" : " --config " + this.config);
	}

	@Override
	public Integer call() throws Exception {
		if (port < 1 || port > 65535) {
			throw new CommandLine.ParameterException(new CommandLine(this),
					"--port must be between 1 and 65535, got " + port);
		}
		Logging.configure(debug);
		Session session = Session.open(config);
		if (configure) {
			int code = ExitCodes.of(ConfigureWizard.forTerminal(config, session.config(), testCommand()).run());
			// Unlike the original (which always exited 1), -t and -w still run after a
			// successful set-up.
			if (code != ExitCodes.OK || !(testRecording || webhook)) {
				return code;
			}
			session = Session.open(config);
		}
		if (testRecording) {
			int code = new TestRecording(session, System.out).run(camera);
			if (!webhook || code != ExitCodes.OK) {
				return code;
			}
		}
		return ServiceLauncher.run(session, port, debug);
	}

}
