package io.videostore.testcam;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import io.videostore.ffmpeg.FfmpegBinaries;
import io.videostore.ffmpeg.FfmpegLocator;

/**
 * The video packets of a clip, as ffprobe sees them: for checking that a clip has no
 * holes.
 */
public final class ClipPackets {

	private static final FfmpegBinaries FFMPEG = FfmpegLocator.withDefaultCache().locate("auto");

	private ClipPackets() {
	}

	/** Every video packet's presentation time in seconds, in order. */
	public static List<Double> times(Path clip) throws IOException, InterruptedException {
		ProcessBuilder pb = new ProcessBuilder(FFMPEG.ffprobe().toString(), "-v", "error", "-select_streams", "v:0",
				"-show_entries", "packet=pts_time", "-of", "csv=p=0", clip.toString());
		pb.environment().putAll(FFMPEG.environment());
		Process p = pb.redirectErrorStream(true).start();
		String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		p.waitFor();
		return out.lines()
			.filter((l) -> !l.isBlank())
			.map((l) -> Double.parseDouble(l.split(",")[0].trim()))
			.sorted()
			.toList();
	}

	/**
	 * The largest step between frames of a wall-clock-stamped camera (MJPEG) that is
	 * still the camera's own timing, not a hole in the clip: the frames are stamped as
	 * they arrive, so on a loaded 2-core machine one may arrive a few frame intervals
	 * late (0.24 s measured in CI at 10 fps). A segment lost or misplaced when the clip
	 * is joined from the buffer leaves a hole of a whole segment (2 s).
	 */
	public static final double MOST_ARRIVAL_JITTER = 0.5;

	/** The largest step between consecutive packet times. */
	public static double largestGap(List<Double> times) {
		double max = 0;
		for (int i = 1; i < times.size(); i++) {
			max = Math.max(max, times.get(i) - times.get(i - 1));
		}
		return max;
	}

}
