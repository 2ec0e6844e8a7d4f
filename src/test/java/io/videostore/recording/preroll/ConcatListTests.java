package io.videostore.recording.preroll;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import io.videostore.recording.preroll.buffer.Segment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gap arithmetic and the concat lists of an assembly, on plain segments without
 * ffmpeg.
 */
class ConcatListTests {

	static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

	@TempDir
	Path dir;

	@Test
	void gapsAreTheUncoveredPartsOfTheWindow() {
		Segment a = new Segment(dir.resolve("a"), T0, T0.plusSeconds(2));
		Segment b = new Segment(dir.resolve("b"), T0.plusSeconds(2), T0.plusSeconds(4));
		Segment c = new Segment(dir.resolve("c"), T0.plusSeconds(7), T0.plusSeconds(9));

		List<Gap> gaps = Coverage.gaps(T0.minusSeconds(1), T0.plusSeconds(10), List.of(a, b, c));

		assertThat(gaps).containsExactly(new Gap(T0.minusSeconds(1), T0), new Gap(T0.plusSeconds(4), T0.plusSeconds(7)),
				new Gap(T0.plusSeconds(9), T0.plusSeconds(10)));
		assertThat(Coverage.gaps(T0.plusSeconds(1), T0.plusSeconds(3), List.of(a, b))).isEmpty();
	}

	@Test
	void concatDurationsRunToTheNextStartSoTheClipKeepsWallClockTime() {
		Segment a = new Segment(Path.of("/b/seg-1-0.mkv"), T0, T0.plusSeconds(2));
		Segment b = new Segment(Path.of("/b/it's.mkv"), T0.plusSeconds(5), T0.plusMillis(6960));

		assertThat(ConcatList.of(List.of(a, b))).isEqualTo("""
				ffconcat version 1.0
				file '/b/seg-1-0.mkv'
				duration 5.000000
				file '/b/it'\\''s.mkv'
				duration 1.960000
				""");
	}

	@Test
	void mjpegConcatListsCutTheFirstAndLastSegmentToTheWindow() {
		Segment a = new Segment(Path.of("/b/a.mkv"), T0, T0.plusSeconds(2));
		Segment b = new Segment(Path.of("/b/b.mkv"), T0.plusSeconds(2), T0.plusSeconds(4));
		Segment c = new Segment(Path.of("/b/c.mkv"), T0.plusSeconds(4), T0.plusSeconds(6));

		assertThat(ConcatList.of(List.of(a, b, c), T0.plusMillis(500), T0.plusMillis(5250))).isEqualTo("""
				ffconcat version 1.0
				file '/b/a.mkv'
				inpoint 0.500000
				duration 1.500000
				file '/b/b.mkv'
				duration 2.000000
				file '/b/c.mkv'
				outpoint 1.250000
				duration 1.250000
				""");
		assertThat(ConcatList.of(List.of(b), T0.plusMillis(2500), T0.plusMillis(3000))).isEqualTo("""
				ffconcat version 1.0
				file '/b/b.mkv'
				inpoint 0.500000
				outpoint 1.000000
				duration 0.500000
				""");
		assertThat(ConcatList.of(List.of(b), T0, T0.plusSeconds(9))).as("a window wider than the footage")
			.isEqualTo(ConcatList.of(List.of(b)));
	}

}
