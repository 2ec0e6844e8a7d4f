package io.videostore.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.support.ResourcePropertySource;

/**
 * Logging for the command line (a test recording, the wizard), which runs before and
 * without Spring: Spring Boot's own logging system, set up from the same sources the
 * service reads (application.properties, the environment), so {@code logging.level.*},
 * {@code logging.pattern.console} and {@code LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs} work
 * the same in both. When the service starts, Spring takes it over.
 */
final class Logging {

	private Logging() {
	}

	static void configure(boolean debug) {
		LoggingSystem system = LoggingSystem.get(Logging.class.getClassLoader());
		ConfigurableEnvironment environment = environment();
		system.beforeInitialize();
		system.initialize(new LoggingInitializationContext(environment), null, null);
		Binder.get(environment)
			.bind("logging.level", Bindable.mapOf(String.class, String.class))
			.orElse(Map.of())
			.forEach((name, level) -> system.setLogLevel(name.equalsIgnoreCase("root") ? null : name,
					LogLevel.valueOf(level.strip().toUpperCase(Locale.ROOT))));
		if (debug) {
			system.setLogLevel("io.videostore", LogLevel.DEBUG);
		}
	}

	/** Lets Spring set logging up afresh when the service starts. */
	static void handOverToSpring() {
		LoggingSystem.get(Logging.class.getClassLoader()).cleanUp();
	}

	private static ConfigurableEnvironment environment() {
		StandardEnvironment environment = new StandardEnvironment();
		try {
			environment.getPropertySources()
				.addLast(new ResourcePropertySource("application", "classpath:application.properties"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		ConfigurationPropertySources.attach(environment);
		return environment;
	}

}
