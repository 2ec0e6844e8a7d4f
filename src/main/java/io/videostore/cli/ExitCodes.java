package io.videostore.cli;

import io.videostore.config.ConfigException;
import io.videostore.recording.FfmpegNotFoundException;
import io.videostore.system.Redactor;
import org.springframework.boot.web.server.PortInUseException;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * The one place that maps failures to exit codes and to a clean message (never a stack trace).
 */
final class ExitCodes {

	static final int OK = 0;

	static final int RECORDING_FAILED = 1;

	static final int USAGE = 2;

	private ExitCodes() {
	}

	static int of(Throwable ex) {
		if (ex instanceof ConfigException || ex instanceof CommandLine.ParameterException || portInUse(ex) != null) {
			return USAGE;
		}
		return RECORDING_FAILED;
	}

	/** Spring's start-up failure when the port is taken, found in the cause chain. */
	private static PortInUseException portInUse(Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (t instanceof PortInUseException p) {
				return p;
			}
		}
		return null;
	}

	static int handle(Exception ex, CommandLine cl, ParseResult parsed) {
		if (ex instanceof CommandLine.ParameterException pe) {
			cl.getErr().println(pe.getMessage());
			cl.getErr().println("Try 'video-store --help' for more information.");
			return USAGE;
		}
		PortInUseException port = portInUse(ex);
		String message = (port != null)
				? "port " + port.getPort() + " is already in use: stop the other program or choose another with -p"
				: (ex instanceof ConfigException || ex instanceof FfmpegNotFoundException) ? ex.getMessage()
						: ex.getClass().getSimpleName() + ": " + ex.getMessage();
		// Third-party messages may quote a URL with credentials or an auth code.
		cl.getErr().println("error: " + Redactor.redact(message));
		return of(ex);
	}

}
