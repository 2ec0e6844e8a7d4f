package io.videostore.cli;

/**
 * Sets the log level before the first logger exists; {@code logback.xml} reads it.
 */
final class Logging {

	private Logging() {
	}

	static void configure(boolean debug) {
		System.setProperty("VIDEOSTORE_LOG_LEVEL", debug ? "DEBUG" : "INFO");
	}

}
