package io.videostore.recording.preroll.buffer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The footage a killed run left in a camera's buffer folder, moved aside to
 * {@code previous/} when the buffer starts again: per ffmpeg run its segment list (times
 * relative to the run's first frame), that first frame's wall-clock time
 * ({@code zero-<run>.txt}), and the segments. The segment being written at the kill is
 * not listed; it runs from the last listed end to when it was last written.
 */
public final class LeftFootage {

	public static final String FOLDER = "previous";

	private static final Pattern ZERO = Pattern.compile("zero-(\\d+)\\.txt");

	private static final Pattern SEGMENT = Pattern.compile("seg-(\\d+)-(\\d+)\\.mkv");

	private LeftFootage() {
	}

	/** The segments in {@code folder} with their wall-clock times, oldest first. */
	public static List<Segment> read(Path folder) throws IOException {
		List<Segment> segments = new ArrayList<>();
		if (!Files.isDirectory(folder)) {
			return segments;
		}
		try (Stream<Path> files = Files.list(folder)) {
			for (Path f : files.toList()) {
				Matcher m = ZERO.matcher(f.getFileName().toString());
				if (m.matches()) {
					segments.addAll(run(folder, Integer.parseInt(m.group(1)),
							Instant.parse(Files.readString(f, StandardCharsets.UTF_8).strip())));
				}
			}
		}
		segments.sort(Comparator.comparing(Segment::start));
		return segments;
	}

	private static List<Segment> run(Path folder, int run, Instant zero) throws IOException {
		List<Segment> segments = new ArrayList<>();
		Path list = folder.resolve("list-" + run + ".csv");
		Instant lastEnd = zero;
		int lastIndex = -1;
		if (Files.isRegularFile(list)) {
			for (String line : Files.readAllLines(list, StandardCharsets.UTF_8)) {
				if (line.isBlank()) {
					continue;
				}
				SegmentList.Row row;
				try {
					row = SegmentList.parse(line);
				}
				catch (IllegalArgumentException ex) {
					// A row cut by the kill.
					continue;
				}
				Path file = folder.resolve(row.name());
				Matcher m = SEGMENT.matcher(row.name());
				if (m.matches()) {
					lastIndex = Math.max(lastIndex, Integer.parseInt(m.group(2)));
				}
				Instant end = plus(zero, row.end());
				if (Files.isRegularFile(file)) {
					segments.add(new Segment(file, plus(zero, row.start()), end));
				}
				lastEnd = end.isAfter(lastEnd) ? end : lastEnd;
			}
		}
		// The segment in progress at the kill.
		Path open = folder.resolve(String.format(java.util.Locale.ROOT, "seg-%d-%05d.mkv", run, lastIndex + 1));
		if (Files.isRegularFile(open) && Files.size(open) > 0) {
			Instant written = Files.getLastModifiedTime(open).toInstant();
			if (written.isAfter(lastEnd)) {
				segments.add(new Segment(open, lastEnd, written));
			}
		}
		return segments;
	}

	private static Instant plus(Instant zero, double seconds) {
		return zero.plusNanos(Math.round(seconds * 1e9));
	}

}
