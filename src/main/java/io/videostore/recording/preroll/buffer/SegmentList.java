package io.videostore.recording.preroll.buffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Follows ffmpeg's CSV segment list ({@code name,start,end}, seconds since the stream
 * start). ffmpeg appends a row only when a segment is closed, so a row means a complete
 * file; the file is read incrementally because it grows for as long as the stream runs.
 */
final class SegmentList {

	/** One closed segment as ffmpeg reported it. */
	record Row(String name, double start, double end) {
	}

	private final Path file;

	private long offset;

	SegmentList(Path file) {
		this.file = file;
	}

	/**
	 * Rows appended since the last call; a half-written last line waits for the next
	 * call.
	 */
	List<Row> readNew() throws IOException {
		if (!Files.isRegularFile(file)) {
			return List.of();
		}
		String text;
		try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
			long size = ch.size();
			if (size <= offset) {
				return List.of();
			}
			ByteBuffer buf = ByteBuffer.allocate((int) Math.min(size - offset, 1 << 20));
			ch.read(buf, offset);
			text = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
		}
		int complete = text.lastIndexOf('\n') + 1;
		offset += text.substring(0, complete).getBytes(StandardCharsets.UTF_8).length;
		List<Row> rows = new ArrayList<>();
		text.substring(0, complete).lines().filter((l) -> !l.isBlank()).forEach((l) -> rows.add(parse(l)));
		return rows;
	}

	static Row parse(String line) {
		// Our names never contain commas, so the name is never quoted and the last two
		// fields are the times.
		int second = line.lastIndexOf(',');
		int first = line.lastIndexOf(',', second - 1);
		if (first <= 0) {
			throw new IllegalArgumentException("not a segment list row: " + line);
		}
		return new Row(line.substring(0, first), Double.parseDouble(line.substring(first + 1, second)),
				Double.parseDouble(line.substring(second + 1).trim()));
	}

}
