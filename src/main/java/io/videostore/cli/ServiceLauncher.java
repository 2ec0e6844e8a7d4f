package io.videostore.cli;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import io.videostore.VideoStoreApplication;
import io.videostore.config.AppConfig;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.support.GenericApplicationContext;

/**
 * Starts the Spring service with the already-validated configuration and blocks until it
 * stops.
 */
final class ServiceLauncher {

	private ServiceLauncher() {
	}

	/**
	 * Runs the service until it stops.
	 * @param port the {@code -p} port, or null for SERVER_PORT or else 8080
	 */
	static int run(Session session, Integer port, boolean debug) throws InterruptedException {
		ConfigurableApplicationContext context = start(session.config(), port, debug);
		CountDownLatch closed = new CountDownLatch(1);
		context.addApplicationListener((ContextClosedEvent e) -> closed.countDown());
		if (context.isActive()) {
			closed.await();
		}
		return ExitCodes.OK;
	}

	/**
	 * Starts the service; also used by tests. An explicit port wins over SERVER_PORT,
	 * which wins over the default 8080. Without a webhook secret it listens on loopback
	 * only ({@link NoSecretBinding}).
	 */
	static ConfigurableApplicationContext start(AppConfig config, Integer port, boolean debug) {
		SpringApplication app = new SpringApplication(VideoStoreApplication.class);
		Map<String, Object> props = new HashMap<>();
		props.put("server.port", VideoStoreCommand.DEFAULT_PORT);
		if (debug) {
			props.put("logging.level.io.videostore", "DEBUG");
		}
		app.setDefaultProperties(props);
		app.addListeners(new NoSecretBinding(config));
		app.addInitializers((ctx) -> ((GenericApplicationContext) ctx).registerBean(AppConfig.class, () -> config));
		// Logging was set up for the command line before Spring; Spring takes it over
		// now.
		Logging.handOverToSpring();
		return app.run((port != null) ? new String[] { "--server.port=" + port } : new String[0]);
	}

}
