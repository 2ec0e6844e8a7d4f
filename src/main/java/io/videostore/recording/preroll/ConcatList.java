package io.videostore.recording.preroll;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import io.videostore.recording.preroll.buffer.Segment;

/**
 * An ffconcat list for segments. Each file gets an explicit {@code duration} up to the
 * next file's start: without it the concat demuxer takes a file's own length (last
 * timestamp plus a guessed 1/25 s) and the clip shrinks; with it the clip keeps
 * wall-clock time, across an outage too. Files are named by absolute path: ffmpeg
 * resolves a relative one against the list's folder, not the working directory.
 */
final class ConcatList {

	private ConcatList() {
	}

	/** Whole segments. */
	static String of(List<Segment> segments) {
		return of(segments, null, null);
	}

	/**
	 * Segments cut to [from, to]: an {@code inpoint} in the first segment and an
	 * {@code outpoint} in the last, so the clip shows the window and not whole segments
	 * around it. Only for intra-only codecs such as MJPEG, where every frame is a
	 * keyframe; null bounds keep whole segments.
	 */
	static String of(List<Segment> segments, Instant from, Instant to) {
		StringBuilder sb = new StringBuilder("ffconcat version 1.0\n");
		for (int i = 0; i < segments.size(); i++) {
			Segment s = segments.get(i);
			boolean first = i == 0;
			boolean last = i + 1 == segments.size();
			Instant playFrom = (first && from != null && from.isAfter(s.start())) ? from : s.start();
			Instant playTo = last ? s.end() : segments.get(i + 1).start();
			boolean cutEnd = last && to != null && to.isBefore(s.end()) && to.isAfter(playFrom);
			if (cutEnd) {
				playTo = to;
			}
			sb.append("file '").append(s.file().toAbsolutePath().toString().replace("'", "'\\''")).append("'\n");
			if (playFrom.isAfter(s.start())) {
				sb.append("inpoint ").append(seconds(Duration.between(s.start(), playFrom))).append('\n');
			}
			if (cutEnd) {
				sb.append("outpoint ").append(seconds(Duration.between(s.start(), playTo))).append('\n');
			}
			sb.append("duration ").append(seconds(Duration.between(playFrom, playTo))).append('\n');
		}
		return sb.toString();
	}

	private static String seconds(Duration d) {
		return String.format(Locale.ROOT, "%.6f", d.toNanos() / 1e9);
	}

}
