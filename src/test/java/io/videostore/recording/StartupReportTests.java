package io.videostore.recording;

import java.time.Duration;

import io.videostore.config.VideoConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StartupReportTests {

	private static VideoConfig video(Duration duration, Duration preRoll, Duration postRoll) {
		VideoConfig v = VideoConfig.DEFAULTS;
		return new VideoConfig(v.debugInfo(), duration, v.framerate(), v.recode(), v.ffmpegPath(), v.output(), preRoll,
				postRoll, v.stallTimeout());
	}

	@Test
	void preRollCameraIsDescribedByItsWindowAroundTheAlarm() {
		VideoConfig preRoll = video(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(10));

		assertThat(StartupReport.clips(preRoll)).isEqualTo("clips of 5 s before to 10 s after each alarm");
	}

	@Test
	void onDemandCameraIsDescribedByItsClipLength() {
		VideoConfig onDemand = video(Duration.ofMillis(12500), Duration.ZERO, Duration.ofSeconds(10));

		assertThat(StartupReport.clips(onDemand)).isEqualTo("12.5 s clips from each alarm's arrival");
	}

}
