package io.videostore.recording;

import java.nio.file.Path;
import java.util.Map;

/**
 * A working ffmpeg/ffprobe pair and how to run it.
 *
 * @param ffmpeg the ffmpeg executable
 * @param ffprobe the ffprobe executable
 * @param environment extra environment for both (the bundled build needs its library
 * folder)
 * @param h264Encoder the H.264 encoder to use when re-encoding ({@code libx264} or
 * {@code libopenh264}), or null when this build has none
 * @param origin where it was found: {@code video.ffmpeg_path}, {@code bundled} or
 * {@code PATH}
 * @param version ffmpeg's own version line
 */
public record FfmpegBinaries(Path ffmpeg, Path ffprobe, Map<String, String> environment, String h264Encoder,
		String origin, String version) {

	/** A process builder for this ffmpeg build with its environment set. */
	ProcessBuilder processBuilder(java.util.List<String> command) {
		ProcessBuilder pb = new ProcessBuilder(command);
		pb.environment().putAll(environment);
		return pb;
	}

}
