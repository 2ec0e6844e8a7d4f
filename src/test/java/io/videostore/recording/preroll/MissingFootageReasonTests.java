package io.videostore.recording.preroll;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a pre-roll clip with holes in its window says of them.
 */
class MissingFootageReasonTests {

	private static final Instant FROM = Instant.parse("2026-11-26T12:00:00Z");

	@Test
	void aClipWithCameraOutagesNamesEachMissingStretchAsPlainTimesNotAsJavaRecords() {
		AssembledClip clip = new AssembledClip(Path.of("clip.mp4"), null, FROM, FROM.plusSeconds(10), FROM,
				FROM.plusSeconds(10), List.of(new Gap(FROM.plusSeconds(2), FROM.plusMillis(3500)),
						new Gap(FROM.plusSeconds(8), FROM.plusSeconds(9))),
				false, false, null, false);

		assertThat(PreRollRecorder.describeMissing(clip, "")).isEqualTo("2.5 s of the window 2026-11-26T12:00:00Z – "
				+ "2026-11-26T12:00:10Z had no video (camera outage): 2026-11-26T12:00:02Z – 2026-11-26T12:00:03.500Z, "
				+ "2026-11-26T12:00:08Z – 2026-11-26T12:00:09Z");
	}

}
