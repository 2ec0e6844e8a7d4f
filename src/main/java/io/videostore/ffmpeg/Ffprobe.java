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
