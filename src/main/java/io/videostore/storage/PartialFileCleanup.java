package io.videostore.storage;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Stream;

import io.videostore.config.AppConfig;
import io.videostore.config.CameraConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Removes work-in-progress files left by a previous run that died (kill -9, power loss):
 * they never reached a final name, and their jobs are closed with a reason by the index's
 * start-up recovery. Only files older than this process are touched, so recordings
 * already started by this run are safe.
 */
@Component
class PartialFileCleanup {

	private static final Logger log = LoggerFactory.getLogger(PartialFileCleanup.class);

	private final AppConfig config;

	PartialFileCleanup(AppConfig config) {
		this.config = config;
	}

	@EventListener(ApplicationStartedEvent.class)
	void clean() {
		Instant started = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
		Set<Path> folders = new LinkedHashSet<>();
		folders.add(config.video().output().resolve(ClipStore.PARTIAL_DIR));
		for (CameraConfig camera : config.cameras()) {
			folders.add(camera.video().output().resolve(ClipStore.PARTIAL_DIR));
		}
		int removed = 0;
		for (Path folder : folders) {
			removed += clean(folder, started);
		}
		if (removed > 0) {
			log.info("Removed {} unfinished recording file(s) left by the previous run", removed);
		}
	}

	private static int clean(Path folder, Instant before) {
		if (!Files.isDirectory(folder)) {
			return 0;
		}
		int removed = 0;
		try (Stream<Path> files = Files.list(folder)) {
			for (Path f : (Iterable<Path>) files::iterator) {
				if (Files.getLastModifiedTime(f).toInstant().isBefore(before) && Files.deleteIfExists(f)) {
					removed++;
				}
			}
		}
		catch (IOException ex) {
			log.warn("Could not clean {}: {}", folder, ex.getMessage());
		}
		return removed;
	}

}
