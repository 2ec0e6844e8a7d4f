package io.videostore.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import picocli.CommandLine.IVersionProvider;

/**
 * The version from the build-info Maven writes into the jar, read without starting
 * Spring.
 */
final class BuildVersion implements IVersionProvider {

	@Override
	public String[] getVersion() {
		Properties p = new Properties();
		try (InputStream in = BuildVersion.class.getResourceAsStream("/META-INF/build-info.properties")) {
			if (in != null) {
				p.load(in);
			}
		}
		catch (IOException ex) {
			// Fall through to "unknown".
		}
		return new String[] { "video-store " + p.getProperty("build.version", "unknown") + " (built "
				+ p.getProperty("build.time", "unknown") + ", Java " + System.getProperty("java.version") + ")" };
	}

}
