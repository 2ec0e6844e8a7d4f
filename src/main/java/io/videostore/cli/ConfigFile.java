package io.videostore.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.videostore.config.ConfigException;

/**
 * Which configuration file this run reads: {@code --config}, else the VIDEOSTORE_CONFIG
 * variable, else {@code ./config.yml}. Only the default file is created from the template
 * when missing; a file named on purpose that does not exist is a typo, which must not
 * start a recorder of the demo camera.
 *
 * @param path the file
 * @param fromOption true when {@code --config} named it
 * @param fromVariable true when VIDEOSTORE_CONFIG named it
 */
record ConfigFile(Path path, boolean fromOption, boolean fromVariable) {

	static final String VARIABLE = "VIDEOSTORE_CONFIG";

	static ConfigFile choose(Path option, Map<String, String> env) {
		if (option != null) {
			return new ConfigFile(option, true, false);
		}
		String variable = env.get(VARIABLE);
		if (variable != null && !variable.isBlank()) {
			return new ConfigFile(Path.of(variable.strip()), false, true);
		}
		return new ConfigFile(VideoStoreCommand.DEFAULT_CONFIG, false, false);
	}

	/** True when the file may be created from the template: only the default one. */
	boolean createdWhenMissing() {
		return !this.fromOption && !this.fromVariable;
	}

	/**
	 * Checks that a file named on purpose exists.
	 * @throws ConfigException naming how it was named
	 */
	void requireExisting() {
		if (createdWhenMissing() || Files.exists(this.path)) {
			return;
		}
		String how = this.fromOption ? "--config " + this.path : VARIABLE + "=" + this.path;
		throw new ConfigException(how + ": no such file (only ./config.yml is created from the template)");
	}

}
