package io.videostore.recording.preroll.buffer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ring's bounds and leases, and the segment list, on plain files without ffmpeg.
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
