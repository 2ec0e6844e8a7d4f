package io.videostore.config;

import java.time.Duration;

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

}
