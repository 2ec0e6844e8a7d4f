package io.videostore.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import io.videostore.VideoStoreApplication;
import io.videostore.clips.StandaloneIndex;
import io.videostore.config.AppConfig;
import io.videostore.storage.FolderLock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.PortInUseException;
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
	static int run(Session session, Integer port, boolean debug) throws InterruptedException, IOException {
		// Before anything touches the folders or the index: a second service on the same
		// folders, SQLite file or port stops here, not after its start-up recovery.
		try (FolderLock lock = FolderLock.acquire(folders(session.config()),
				StandaloneIndex.sqliteFile(session.config()).orElse(null))) {
			checkPortFree(port);
			ConfigurableApplicationContext context = start(session.config(), port, debug);
			CountDownLatch closed = new CountDownLatch(1);
			context.addApplicationListener((ContextClosedEvent e) -> closed.countDown());
			if (context.isActive()) {
				closed.await();
			}
			return ExitCodes.OK;
		}
	}

	private static Set<Path> folders(AppConfig config) {
		Set<Path> folders = new LinkedHashSet<>();
		folders.add(config.video().output());
		config.cameras().forEach((c) -> folders.add(c.video().output()));
		return folders;
	}

	/** Fails early when the port is taken (Spring would find out only after start-up). */
	private static void checkPortFree(Integer port) {
		int p = VideoStoreCommand.DEFAULT_PORT;
		try {
			String env = System.getenv("SERVER_PORT");
			p = (port != null) ? port : (env != null && !env.isBlank()) ? Integer.parseInt(env.strip()) : p;
		}
		catch (NumberFormatException ex) {
			// Spring reports a bad SERVER_PORT itself.
			return;
		}
		if (p <= 0 || p > 65535) {
			return;
		}
		try (ServerSocket probe = new ServerSocket()) {
			probe.setReuseAddress(true);
			probe.bind(new InetSocketAddress(p));
		}
		catch (IOException ex) {
			throw new PortInUseException(p);
		}
	}

	/**
	 * Starts the service; also used by tests. An explicit port wins over SERVER_PORT,
	 * which wins over the default 8080. Without a webhook secret it listens on loopback
	 * only ({@link NoSecretBinding}).
	 */
	static ConfigurableApplicationContext start(AppConfig config, Integer port, boolean debug) {
		return start(config, port, debug, Map.of());
	}

	/**
	 * As {@link #start(AppConfig, Integer, boolean)}, with properties that win over the
	 * application's own (as command-line arguments do).
	 */
	static ConfigurableApplicationContext start(AppConfig config, Integer port, boolean debug,
			Map<String, Object> overrides) {
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
		List<String> args = new ArrayList<>();
		if (port != null) {
			args.add("--server.port=" + port);
		}
		overrides.forEach((key, value) -> args.add("--" + key + "=" + value));
		return app.run(args.toArray(String[]::new));
	}

}
