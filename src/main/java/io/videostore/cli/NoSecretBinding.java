package io.videostore.cli;

import java.util.Map;

import io.videostore.config.AppConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Without {@code webhooks.secret} the service trusts requests from this machine, so it
 * listens on loopback only: then no request from another machine can reach it, whatever
 * headers a proxy sets or leaves out. An address set explicitly ({@code server.address},
 * {@code SERVER_ADDRESS}) wins, with a warning that a forwarder on this machine (a proxy,
 * {@code socat}, an SSH tunnel) then opens the service to whoever reaches the forwarder.
 */
final class NoSecretBinding implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

	static final String LOOPBACK = "127.0.0.1";

	private static final Logger log = LoggerFactory.getLogger(NoSecretBinding.class);

	private final AppConfig config;

	NoSecretBinding(AppConfig config) {
		this.config = config;
	}

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		if (this.config.webhooks().hasSecret()) {
			return;
		}
		ConfigurableEnvironment environment = event.getEnvironment();
		String address = environment.getProperty("server.address");
		if (address == null || address.isBlank()) {
			environment.getPropertySources()
				.addLast(new MapPropertySource("noWebhookSecret", Map.of("server.address", LOOPBACK)));
		}
		else {
			log.warn("webhooks.secret is not set and server.address is {}: every connection from this machine is "
					+ "trusted, so any forwarder here (a reverse proxy, socat, an SSH tunnel) lets other machines "
					+ "record; set webhooks.secret", address);
		}
	}

}
