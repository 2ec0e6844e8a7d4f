package io.videostore.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * This instance among several on one database ({@code instance.*}).
 *
 * @param id the instance's name in the cluster tables; empty for the default (host name
 * and a hash of the videos folder, so stable across restarts and unique per folder)
 * @param site the site an edge recorder serves: it owns only the cameras with this
 * {@code site} (empty: the cameras without one)
 * @param takeoverAfter how long a camera lease and a job claim last without being
 * renewed: after an instance dies, others take its cameras and jobs over within about
 * this long
 */
public record InstanceConfig(String id, String site, Duration takeoverAfter) {

	public static final Duration DEFAULT_TAKEOVER = Duration.ofSeconds(15);

	public static final InstanceConfig DEFAULTS = new InstanceConfig("", "", DEFAULT_TAKEOVER);

	public InstanceConfig {
		id = (id != null) ? id.strip() : "";
		site = (site != null) ? site.strip() : "";
		takeoverAfter = (takeoverAfter != null) ? takeoverAfter : DEFAULT_TAKEOVER;
	}

	/**
	 * The host's name and a hash of the videos folder (see {@link AppConfig#instanceId}).
	 */
	static String defaultId(Path videos) {
		String folder = videos.toAbsolutePath().normalize().toString();
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(folder.getBytes(StandardCharsets.UTF_8));
			return hostName() + "-" + HexFormat.of().formatHex(hash, 0, 4);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String hostName() {
		String name = System.getenv("HOSTNAME");
		if (name == null || name.isBlank()) {
			try {
				name = Files.readString(Path.of("/etc/hostname")).strip();
			}
			catch (IOException | RuntimeException ex) {
				name = "";
			}
		}
		name = name.replaceAll("[^A-Za-z0-9._-]", "");
		return name.isEmpty() ? "videostore" : (name.length() > 40) ? name.substring(0, 40) : name;
	}

}
