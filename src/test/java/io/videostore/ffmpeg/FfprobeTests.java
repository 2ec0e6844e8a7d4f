package io.videostore.ffmpeg;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class FfprobeTests {

	@Test
	void aTruncatedFileLastsAsLongAsItsFramesNotItsHeader() {
		// 11 frames at 10 fps read, the header still says the 15 s it was meant to last.
		assertThat(Ffprobe.framesSeconds(1.0, 11, 15.0)).isCloseTo(1.1, within(0.001));
	}

	@Test
	void aWholeFileLastsAsItsHeaderCountsTheLastFrame() {
		assertThat(Ffprobe.framesSeconds(1.9, 20, 1.95)).isEqualTo(1.95);
		assertThat(Ffprobe.framesSeconds(1.9, 20, 0)).isCloseTo(2.0, within(0.001));
	}

	@Test
	void aHeaderShorterThanItsFramesIsNotBelieved() {
		assertThat(Ffprobe.framesSeconds(5.0, 51, 2.0)).isEqualTo(5.0);
	}

}
