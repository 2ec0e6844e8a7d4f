package io.videostore.ffmpeg;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Probes a video file with ffprobe, counting its video packets.
 */
public class Ffprobe {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final FfmpegBinaries binaries;

	public Ffprobe(FfmpegBinaries binaries) {
		this.binaries = binaries;
	}

	/**
	 * The probe of a file, or empty when the file is missing, empty or not a readable
	 * video.
	 */
	public Optional<ClipProbe> probe(Path file) {
		if (!Files.isRegularFile(file)) {
			return Optional.empty();
		}
		List<String> command = List.of(binaries.ffprobe().toString(), "-v", "error", "-select_streams", "v:0",
				"-count_packets", "-show_entries", "stream=codec_name,pix_fmt,width,height,nb_read_packets",
				"-show_entries", "format=duration,size", "-of", "json", file.toString());
		try {
			ShortJob.Result r = ShortJob.run(command, binaries.environment(), Duration.ofSeconds(60));
			return (r.exitCode() == 0) ? parse(r.stdout()) : Optional.empty();
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

	/**
	 * The probe of a file as it is stored, for judging whether it is whole: the codec and
	 * size from its header, but its frames counted and its duration measured by reading
	 * every packet, never taken from the header. A capture cut off by a full disk keeps
	 * the length it was meant to have in its header (Matroska: 15 s for 11 frames).
	 * <p>
	 * The read demuxes the whole file into ffmpeg's null muxer as a stream copy, without
	 * decoding: it reads every byte and ends at the first byte missing (truncation is
	 * what a full disk or a killed writer leaves), at a cost of about one sequential read
	 * of the file. Decoding every frame ({@code -f null -} without {@code -c copy}) would
	 * also find corrupt pictures inside whole packets, but costs about as long as the
	 * capture itself for 1080p on two cores, which every clip would pay; a camera's
	 * corrupt frame is still shown by players as what the camera sent.
	 * @param timeout how long the probe may take in all
	 * @return empty when the file is missing or holds no readable video stream
	 */
	public Optional<StoredClip> probeStored(Path file, Duration timeout) {
		if (!Files.isRegularFile(file)) {
			return Optional.empty();
		}
		long deadline = System.nanoTime() + timeout.toNanos();
		List<String> header = List.of(binaries.ffprobe().toString(), "-v", "error", "-select_streams", "v:0",
				"-show_entries", "stream=codec_name,pix_fmt,width,height", "-show_entries", "format=duration,size",
				"-of", "json", file.toString());
		List<String> read = List.of(binaries.ffmpeg().toString(), "-hide_banner", "-v", "error", "-nostdin", "-i",
				file.toString(), "-map", "0:v:0", "-c", "copy", "-f", "null", "-", "-progress", "pipe:1", "-nostats");
		try {
			ShortJob.Result h = ShortJob.run(header, binaries.environment(), left(deadline));
			Optional<ClipProbe> probe = (h.exitCode() == 0) ? parse(h.stdout()) : Optional.empty();
			if (probe.isEmpty()) {
				return Optional.empty();
			}
			ShortJob.Result r = ShortJob.run(read, binaries.environment(), left(deadline));
			long frames = lastValue(r.stdout(), "frame=");
			long micros = lastValue(r.stdout(), "out_time_us=");
			ClipProbe p = probe.get();
			ClipProbe stored = new ClipProbe(
					framesSeconds(Math.max(0, micros) / 1_000_000.0, frames, p.durationSeconds()), Math.max(0, frames),
					p.codec(), p.pixelFormat(), p.width(), p.height(), p.sizeBytes());
			String error = (r.exitCode() != 0 || !r.lastError().isEmpty()) ? r.lastError() : null;
			return Optional.of(new StoredClip(stored, p.durationSeconds(), error));
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

	/**
	 * A file as stored.
	 *
	 * @param probe what it holds: frames counted and duration measured by reading it
	 * @param headerSeconds the duration its header claims
	 * @param readError what reading it to the end reported (e.g. {@code File ended
	 * prematurely}), or null when it read cleanly
	 */
	public record StoredClip(ClipProbe probe, double headerSeconds, String readError) {

		/**
		 * True when the file ends before its header says, or could not be read cleanly.
		 */
		public boolean truncated() {
			return readError != null || probe.durationSeconds() < headerSeconds - 1.0;
		}

	}

	/**
	 * The duration the frames span: from the first frame's start to the last frame's end.
	 * The read reports up to the last frame's start when the frames carry no duration (a
	 * capture timed by the camera's wall clock), so one average frame interval is added
	 * for the last frame; the header's duration, which counts it exactly, caps that.
	 */
	static double framesSeconds(double span, long frames, double headerSeconds) {
		if (frames < 2 || span <= 0) {
			return span;
		}
		double withLast = span + span / (frames - 1);
		if (headerSeconds >= span && headerSeconds < withLast) {
			return headerSeconds;
		}
		// A header that claims more than the frames hold (a truncated file) or nothing
		// says nothing about the last frame; one that claims less is wrong about them
		// all.
		return (headerSeconds >= withLast || headerSeconds <= 0) ? withLast : span;
	}

	private static Duration left(long deadline) throws IOException {
		long nanos = deadline - System.nanoTime();
		if (nanos <= 0) {
			throw new IOException("no time left to probe");
		}
		return Duration.ofNanos(nanos);
	}

	/** The last {@code key=value} number in ffmpeg's progress output, or -1. */
	private static long lastValue(String progress, String key) {
		long value = -1;
		for (String line : progress.lines().toList()) {
			if (line.startsWith(key)) {
				try {
					value = Long.parseLong(line.substring(key.length()).strip());
				}
				catch (NumberFormatException ex) {
					// "N/A" before the first packet.
				}
			}
		}
		return value;
	}

	static Optional<ClipProbe> parse(String json) {
		JsonNode root = JSON.readTree(json);
		JsonNode streams = root.path("streams");
		if (!streams.isArray() || streams.isEmpty()) {
			return Optional.empty();
		}
		JsonNode s = streams.get(0);
		JsonNode f = root.path("format");
		return Optional.of(new ClipProbe(number(f.path("duration")), (long) number(s.path("nb_read_packets")),
				s.path("codec_name").asString(null), s.path("pix_fmt").asString(null), s.path("width").asInt(0),
				s.path("height").asInt(0), (long) number(f.path("size"))));
	}

	private static double number(JsonNode node) {
		try {
			return node.isMissingNode() ? 0 : Double.parseDouble(node.asString("0"));
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

}
