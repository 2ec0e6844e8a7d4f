package io.videostore.system;

import io.videostore.config.ConfigException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A configuration error found while the service starts (e.g. an index database this build
 * cannot open) is reported as its message and what to do, not as a stack trace of the
 * beans that wrapped it.
 */
class ConfigFailureAnalyzer extends AbstractFailureAnalyzer<ConfigException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, ConfigException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Correct that setting in config.yml (or its VIDEOSTORE_* environment variable) and start again.",
				cause);
	}

}
