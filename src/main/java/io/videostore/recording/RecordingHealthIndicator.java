package io.videostore.recording;

import java.nio.file.Files;
import java.nio.file.Path;

import io.videostore.config.AppConfig;
import io.videostore.ffmpeg.FfmpegBinaries;
import io.videostore.ffmpeg.FfmpegLocator;
import io.videostore.system.FileModes;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * Health of the recording side: ffmpeg found and working, output folder writable with
 * free space.
 */
@Component("recording")
class RecordingHealthIndicator extends AbstractHealthIndicator {

	private static final long MIN_FREE_BYTES = 512L * 1024 * 1024;

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
		long free = Files.getFileStore(output).getUsableSpace();
		boolean writable = Files.isWritable(output);
		builder.withDetail("ffmpeg", ffmpeg.origin() + ": " + ffmpeg.version())
			.withDetail("h264Encoder", String.valueOf(ffmpeg.h264Encoder()))
			.withDetail("output", output.toAbsolutePath().toString())
			.withDetail("outputWritable", writable)
			.withDetail("freeBytes", free)
			.withDetail("cameras", config.cameras().stream().map((c) -> c.id() + " (" + c.source() + ")").toList())
			.withDetail("preRollBuffers", sources.states());
		if (writable && free >= MIN_FREE_BYTES) {
			builder.up();
		}
		else {
			builder.down();
		}
	}

}
