package io.videostore.config.loader;

import java.math.BigDecimal;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

import io.videostore.config.VideoConfig;

/**
 * Reads {@code video.*}, globally or as one camera's overrides of the global settings.
 */
final class VideoReader {

	private VideoReader() {
	}

	/** The base settings with every key present in the map applied on top. */
	static VideoConfig read(YamlMap video, VideoConfig base) {
		VideoConfig config = new VideoConfig(video.value("debug_info").map(YamlValue::bool).orElse(base.debugInfo()),
				video.value("duration").map((value) -> value.seconds(false)).orElse(base.duration()),
				video.value("framerate").map(VideoReader::framerate).orElse(base.framerate()),
				video.value("recode").map(YamlValue::bool).orElse(base.recode()),
				video.value("ffmpeg_path")
					.map((value) -> value.string().strip())
					.filter((path) -> !path.isEmpty())
					.orElse(base.ffmpegPath()),
				video.value("output").map(VideoReader::folder).orElse(base.output()),
				video.value("pre_roll").map((value) -> value.seconds(true)).orElse(base.preRoll()),
				video.value("post_roll").map((value) -> value.seconds(true)).orElse(base.postRoll()),
				video.value("stall_timeout").map((value) -> value.seconds(false)).orElse(base.stallTimeout()));
		video.warnUnread();
		return config;
	}

	/**
	 * Frames per second, or 0 for {@code auto} as {@link VideoConfig#autoFramerate()}
	 * expects.
	 */
	private static double framerate(YamlValue value) {
		String expected = "a positive number of frames per second or 'auto'";
		if (value.scalar(expected).strip().equalsIgnoreCase("auto")) {
			return 0;
		}
		BigDecimal fps = value.number(expected);
		if (fps.signum() <= 0) {
			throw value.error(expected);
		}
		return fps.doubleValue();
	}

	// Relative folders stay relative to the working directory, as in the original
	// service.
	private static Path folder(YamlValue value) {
		String folder = value.scalar("a folder path").strip();
		if (folder.isEmpty()) {
			throw value.error("a folder path");
		}
		try {
			return Path.of(folder);
		}
		catch (InvalidPathException ex) {
			throw value.error("a folder path");
		}
	}

}
