package io.videostore.config;

import java.util.List;

/**
 * The web server's place in the network ({@code server.*}).
 *
 * @param trustedProxies addresses and CIDR ranges ({@code 127.0.0.1}, {@code 10.0.0.0/8},
 * {@code ::1}) of the reverse proxies whose {@code X-Forwarded-For}, {@code -Proto},
 * {@code -Host} and {@code -Port} are believed; empty (the default): nobody's
 */
public record ServerConfig(List<String> trustedProxies) {

	public static final ServerConfig DEFAULTS = new ServerConfig(List.of());

	public ServerConfig {
		trustedProxies = List.copyOf(trustedProxies);
	}

}
