package io.videostore.recording.preroll;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ring's bounds, leases and gap arithmetic, on plain files without ffmpeg.
 */
class RingTests {

	static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

	@TempDir
	Path dir;

	BufferSettings settings(Duration retain, int maxSegments) {
		return new BufferSettings(dir, Duration.ofSeconds(2), retain, maxSegments, 1 << 30, Duration.ofSeconds(6),
				Duration.ofSeconds(1), Duration.ofSeconds(30));
	}

	Segment segment(int i) throws IOException {
		Path f = Files.write(dir.resolve("seg-1-" + i + ".mkv"), new byte[100]);
		return new Segment(f, T0.plusSeconds(2L * i), T0.plusSeconds(2L * i).plusMillis(1960));
	}

	@Test
	void consecutiveSegmentsTouchExactlySoOnlyOutagesAreGaps() throws IOException {
		Ring ring = new Ring(settings(Duration.ofSeconds(60), 50));
		ring.add(segment(0), false);
		ring.add(segment(1), true);

		assertThat(ring.segments().get(0).end()).isEqualTo(ring.segments().get(1).start());
		assertThat(ring.segments().get(1).end()).isEqualTo(T0.plusMillis(3960));
	}

	@Test
	void expiredSegmentsAreDeletedAsTheWindowSlides() throws IOException {
		Ring ring = new Ring(settings(Duration.ofSeconds(4), 50));
		for (int i = 0; i < 10; i++) {
			ring.add(segment(i), i > 0);
		}
		ring.evict(T0.plusSeconds(20));

		assertThat(ring.segments()).allMatch((s) -> !s.end().isBefore(T0.plusSeconds(16)));
		assertThat(ring.segments()).hasSize(2);
		assertThat(dir.resolve("seg-1-0.mkv")).doesNotExist();
		assertThat(ring.bytes()).isEqualTo(200);
	}

	@Test
	void aLeaseKeepsItsSegmentsButNeverPastTheHardCap() throws IOException {
		Ring ring = new Ring(settings(Duration.ofSeconds(4), 6));
		Ring.Lease stuck = ring.lease(T0, T0.plusSeconds(3600));
		for (int i = 0; i < 10; i++) {
			ring.add(segment(i), i > 0);
			ring.evict(T0.plusSeconds(2L * i + 2));
			assertThat(ring.segments().size()).isLessThanOrEqualTo(6);
		}
		assertThat(ring.segments()).hasSize(6);
		stuck.close();
		ring.evict(T0.plusSeconds(20));
		assertThat(ring.segments()).hasSize(2);
		try (var files = Files.list(dir)) {
			assertThat(files).hasSize(2);
		}
	}

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

	@Test
	void segmentListRowsAreReadOnlyWhenComplete() throws IOException {
		Path csv = dir.resolve("list-1.csv");
		SegmentList list = new SegmentList(csv);
		assertThat(list.readNew()).isEmpty();
		Files.writeString(csv, "seg-1-00000.mkv,0.000000,1.960000\nseg-1-00001.mkv,2.0000");

		assertThat(list.readNew()).containsExactly(new SegmentList.Row("seg-1-00000.mkv", 0, 1.96));
		Files.writeString(csv, "00,3.960000\n", java.nio.file.StandardOpenOption.APPEND);
		assertThat(list.readNew()).containsExactly(new SegmentList.Row("seg-1-00001.mkv", 2, 3.96));
		assertThat(list.readNew()).isEmpty();
	}

}
