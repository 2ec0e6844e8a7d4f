package io.videostore.recording.buffer;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * An ffconcat list for segments. Each file gets an explicit {@code duration} up to the next file's start: without
 * it the concat demuxer takes a file's own length (last timestamp plus a guessed 1/25 s) and the clip shrinks;
 * with it the clip keeps wall-clock time, across an outage too.
 */
final class ConcatList {

	private ConcatList() {
	}

	static String of(List<Segment> segments) {
		StringBuilder sb = new StringBuilder("ffconcat version 1.0\n");
		for (int i = 0; i < segments.size(); i++) {
			Segment s = segments.get(i);
			Duration d = (i + 1 < segments.size()) ? Duration.between(s.start(), segments.get(i + 1).start())
					: s.duration();
			sb.append("file '").append(s.file().toString().replace("'", "'\\''")).append("'\n");
			sb.append(String.format(Locale.ROOT, "duration %.6f\n", d.toNanos() / 1e9));
		}
		return sb.toString();
	}

}
