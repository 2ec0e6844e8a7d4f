package io.videostore.recording;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import io.videostore.config.AppConfig;
import io.videostore.ffmpeg.FfmpegBinaries;
import io.videostore.ffmpeg.FfmpegLocator;
import io.videostore.storage.retention.DiskSpace;
import io.videostore.system.FileModes;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * Health of the recording side: ffmpeg found and working, output folder writable, and
 * free space in every folder clips go to: LOW below
 * {@code storage.retention.min_free_bytes} (down: retention could not keep it), FULL
 * below the floor where recordings stop.
 */
@Component("recording")
class RecordingHealthIndicator extends AbstractHealthIndicator {

	private final AppConfig config;

	private final FfmpegLocator locator;

	private final ClipSources sources;

	RecordingHealthIndicator(AppConfig config, FfmpegLocator locator, ClipSources sources) {
		this.config = config;
		this.locator = locator;
		this.sources = sources;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) throws Exception {
		FfmpegBinaries ffmpeg = locator.locate(config.video().ffmpegPath());
		Path output = config.video().output();
		FileModes.createFolders(output, FileModes.GROUP_FOLDER);
		boolean writable = Files.isWritable(output);
		Map<String, String> disks = new LinkedHashMap<>();
		boolean enough = true;
		// Retention keeps this much free; below it, it found nothing more it may delete.
		long low = config.storage().retention().minFreeBytes();
		for (Path folder : folders()) {
			long free = DiskSpace.free(folder);
			String state = (free < 0) ? "free space unknown"
					: (free < DiskSpace.RECORDING_FLOOR)
							? "FULL: below the " + DiskSpace.size(DiskSpace.RECORDING_FLOOR)
									+ " floor, no recording starts"
							: (free < low) ? "LOW: below min_free_bytes " + DiskSpace.size(low) : "ok";
			disks.put(folder.toAbsolutePath().normalize().toString(), DiskSpace.size(free) + " free, " + state);
			enough &= free < 0 || free >= low;
		}
		builder.withDetail("ffmpeg", ffmpeg.origin() + ": " + ffmpeg.version())
			.withDetail("h264Encoder", String.valueOf(ffmpeg.h264Encoder()))
			.withDetail("output", output.toAbsolutePath().toString())
			.withDetail("outputWritable", writable)
			.withDetail("freeBytes", DiskSpace.free(output))
			.withDetail("disks", disks)
			.withDetail("cameras", config.cameras().stream().map((c) -> c.id() + " (" + c.source() + ")").toList())
			.withDetail("preRollBuffers", sources.states());
		if (writable && enough) {
			builder.up();
		}
		else {
			builder.down();
		}
	}

	/** Every folder clips are written to. */
	private Set<Path> folders() {
		Set<Path> folders = new LinkedHashSet<>();
		folders.add(config.video().output());
		config.cameras().forEach((c) -> folders.add(c.video().output()));
		return folders;
	}

}
