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

	static int run(Session session, int port, boolean debug) throws InterruptedException {
		ConfigurableApplicationContext context = start(session.config(), port, debug);
		CountDownLatch closed = new CountDownLatch(1);
		context.addApplicationListener((ContextClosedEvent e) -> closed.countDown());
		if (context.isActive()) {
			closed.await();
		}
		return ExitCodes.OK;
	}

	/** Starts the service; also used by tests. */
	static ConfigurableApplicationContext start(AppConfig config, int port, boolean debug) {
		SpringApplication app = new SpringApplication(VideoStoreApplication.class);
		Map<String, Object> props = new HashMap<>();
		props.put("server.port", port);
		if (debug) {
			props.put("logging.level.io.videostore", "DEBUG");
		}
		app.setDefaultProperties(props);
		app.addInitializers((ctx) -> ((GenericApplicationContext) ctx).registerBean(AppConfig.class, () -> config));
		return app.run();
	}

}
