package io.videostore.ffmpeg;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.videostore.config.VideoConfig;

/**
 * Builds ffmpeg argument lists (never a shell string). Recordings go into Matroska first,
 * which stays readable if anything dies mid-way; {@link #finalize} then makes the MP4
 * people watch.
 */
public final class FfmpegCommand {

	private FfmpegCommand() {
	}

	/**
	 * Captures the camera as it comes (stream copy) into Matroska. Re-encoding happens
	 * afterwards: ffmpeg 7's decoder replaces the wall-clock timestamps of piped MJPEG
	 * with a guessed 25 fps, so encoding live would make clips run at the wrong speed; a
	 * copied capture keeps the real timing and is crash-safe.
	 */
	public static List<String> record(FfmpegBinaries ffmpeg, List<String> input, VideoConfig video, Duration limit,
			Path output) {
		List<String> cmd = new ArrayList<>(List.of(ffmpeg.ffmpeg().toString(), "-hide_banner", "-loglevel",
				video.debugInfo() ? "info" : "error", "-nostats", "-progress", "pipe:1", "-stats_period", "0.5", "-n"));
		cmd.addAll(input);
		cmd.addAll(List.of("-map", "0:v:0", "-an", "-t", seconds(limit.toMillis() / 1000.0), "-c:v", "copy", "-f",
				"matroska", output.toString()));
		return cmd;
	}

	/**
	 * Turns a capture into the final MP4 with its index up front: H.264 for
	 * {@code recode: true} (copied when the camera already sends browser-ready H.264),
	 * the camera's own stream for {@code recode: false}.
	 */
	public static List<String> finalize(FfmpegBinaries ffmpeg, Path input, ClipProbe capture, VideoConfig video,
			Path output) {
		List<String> cmd = new ArrayList<>(List.of(ffmpeg.ffmpeg().toString(), "-hide_banner", "-loglevel", "error",
				"-nostdin", "-n", "-i", input.toString(), "-map", "0:v:0"));
		cmd.addAll(videoCodec(ffmpeg, capture, video));
		cmd.addAll(List.of("-movflags", "+faststart", "-f", "mp4", output.toString()));
		return cmd;
	}

	/**
	 * One JPEG frame of a clip at {@code offsetSeconds} from its start, at most 640
	 * pixels wide; the input is a file or a URL ffmpeg reads with range requests (seeking
	 * before opening it reads little more than the frame's neighbourhood).
	 */
	public static List<String> thumbnail(FfmpegBinaries ffmpeg, String input, double offsetSeconds, Path output) {
		return List.of(ffmpeg.ffmpeg().toString(), "-hide_banner", "-loglevel", "error", "-nostdin", "-y", "-ss",
				seconds(offsetSeconds), "-i", input, "-map", "0:v:0", "-frames:v", "1", "-vf",
				"scale='min(640,iw)':-2,format=yuvj420p", "-q:v", "4", "-update", "1", "-f", "image2", "-c:v", "mjpeg",
				output.toString());
	}

	/**
	 * The first video stream of {@code input} copied as it is into an MP4 at
	 * {@code output}: no re-encoding, so it works whatever the codec and needs no more
	 * space than the input.
	 */
	public static List<String> remux(FfmpegBinaries ffmpeg, Path input, Path output) {
		return List.of(ffmpeg.ffmpeg().toString(), "-hide_banner", "-loglevel", "error", "-nostdin", "-n", "-i",
				input.toString(), "-map", "0:v:0", "-c", "copy", "-f", "mp4", output.toString());
	}

	/**
	 * The codec arguments for a clip people will watch: H.264 for {@code recode: true}
	 * (copied when the source is already browser-ready H.264), the source's own stream
	 * for {@code recode: false}. Shared with the pre-roll assembler so both kinds of clip
	 * look the same.
	 * @throws FfmpegNotFoundException when re-encoding is asked for and this ffmpeg has
	 * no H.264 encoder
	 */
	public static List<String> videoCodec(FfmpegBinaries ffmpeg, ClipProbe source, VideoConfig video) {
		boolean browserReady = "h264".equals(source.codec()) && "yuv420p".equals(source.pixelFormat())
				&& video.autoFramerate();
		return (video.recode() && !browserReady) ? h264(ffmpeg, video) : List.of("-c", "copy");
	}

	/**
	 * Browser-playable H.264: 4:2:0 limited range (MJPEG is full-range yuvj, which
	 * players mishandle).
	 */
	private static List<String> h264(FfmpegBinaries ffmpeg, VideoConfig video) {
		if (ffmpeg.h264Encoder() == null) {
			throw new FfmpegNotFoundException(
					"this ffmpeg has no H.264 encoder (libx264 or libopenh264); set video.recode: false or use another ffmpeg");
		}
		List<String> args = new ArrayList<>(
				List.of("-vf", "scale=out_range=tv,format=yuv420p", "-c:v", ffmpeg.h264Encoder()));
		if (ffmpeg.h264Encoder().equals("libx264")) {
			args.addAll(List.of("-preset", "veryfast", "-crf", "23"));
		}
		else {
			args.addAll(List.of("-b:v", "2M"));
		}
		if (video.autoFramerate()) {
			args.addAll(List.of("-fps_mode", "passthrough"));
		}
		else {
			// A fixed rate duplicates or drops frames against the recorded timestamps, so
			// speed stays real.
			args.addAll(List.of("-fps_mode", "cfr", "-r", seconds(video.framerate())));
		}
		return args;
	}

	private static String seconds(double s) {
		return String.format(Locale.ROOT, "%.3f", s);
	}

}
