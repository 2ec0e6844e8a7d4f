package io.videostore.cli;

import io.videostore.config.ConfigException;
import io.videostore.recording.FfmpegNotFoundException;
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
		if (ex instanceof ConfigException || ex instanceof CommandLine.ParameterException) {
			return USAGE;
		}
		return RECORDING_FAILED;
	}

	static int handle(Exception ex, CommandLine cl, ParseResult parsed) {
		if (ex instanceof CommandLine.ParameterException pe) {
			cl.getErr().println(pe.getMessage());
			cl.getErr().println("Try 'video-store --help' for more information.");
			return USAGE;
		}
		String message = (ex instanceof ConfigException || ex instanceof FfmpegNotFoundException) ? ex.getMessage()
				: ex.getClass().getSimpleName() + ": " + ex.getMessage();
		cl.getErr().println("error: " + message);
		return of(ex);
	}

}
