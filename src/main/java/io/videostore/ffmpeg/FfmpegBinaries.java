package io.videostore.ffmpeg;

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

}
