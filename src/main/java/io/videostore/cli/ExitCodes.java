package io.videostore.cli;

import io.videostore.cli.wizard.ConfigureWizard;
import io.videostore.config.ConfigException;
import io.videostore.ffmpeg.FfmpegNotFoundException;
import io.videostore.system.Redactor;
import io.videostore.storage.FolderLock;
import org.springframework.boot.web.server.PortInUseException;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * The one place that maps failures to exit codes and to a clean message (never a stack
 * trace).
 */
final class ExitCodes {

	static final int OK = 0;

	static final int RECORDING_FAILED = 1;

	static final int USAGE = 2;

	private ExitCodes() {
	}

	/**
	 * A successful set-up is 0; a stopped wizard 1; settings that cannot be written 2.
	 */
	static int of(ConfigureWizard.Result result) {
		return switch (result) {
			case SAVED, UNCHANGED -> OK;
			case QUIT -> RECORDING_FAILED;
			case SAVE_FAILED -> USAGE;
		};
	}

	static int of(Throwable ex) {
		if (cause(ex, ConfigException.class) != null || ex instanceof CommandLine.ParameterException
				|| cause(ex, PortInUseException.class) != null || cause(ex, FolderLock.InUse.class) != null) {
			return USAGE;
		}
		return RECORDING_FAILED;
	}

	/**
	 * The first {@code type} in the cause chain: Spring wraps what a bean throws while
	 * the service starts.
	 */
	private static <T extends Throwable> T cause(Throwable ex, Class<T> type) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (type.isInstance(t)) {
				return type.cast(t);
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
		PortInUseException port = cause(ex, PortInUseException.class);
		ConfigException config = cause(ex, ConfigException.class);
		FolderLock.InUse folder = cause(ex, FolderLock.InUse.class);
		String message = (folder != null) ? folder.getMessage()
				: (port != null)
						? "port " + port.getPort()
								+ " is already in use: stop the other program or choose another with -p"
						: (config != null) ? config.getMessage() : (ex instanceof FfmpegNotFoundException)
								? ex.getMessage() : ex.getClass().getSimpleName() + ": " + ex.getMessage();
		// Third-party messages may quote a URL with credentials or an auth code.
		cl.getErr().println("error: " + Redactor.redact(message));
		return of(ex);
	}

}
