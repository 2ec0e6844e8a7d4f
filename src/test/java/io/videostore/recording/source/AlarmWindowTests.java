package io.videostore.recording.source;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * An alarm's window and its edges, computed once for every use.
 */
class AlarmWindowTests {

	private static final Instant ALARM = Instant.parse("2026-11-26T12:26:24Z");

	@Test
	void aPreRollWindowSurroundsTheAlarmAndItsCutReachesOneSecondFurtherEachSide() {
		AlarmWindow w = AlarmWindow.around(ALARM, Duration.ofSeconds(3), Duration.ofSeconds(2));

		assertThat(w.from()).isEqualTo(ALARM.minusSeconds(3));
		assertThat(w.to()).isEqualTo(ALARM.plusSeconds(2));
		assertThat(w.cutFrom()).isEqualTo(ALARM.minusSeconds(4));
		assertThat(w.cutTo()).isEqualTo(ALARM.plusSeconds(3));
		assertThat(w.seconds()).isEqualTo(5.0);
	}

	@Test
	void aCaptureWindowStartsWhenTheCaptureIsAskedFor() {
		Instant queued = ALARM.plusSeconds(4);

		AlarmWindow w = AlarmWindow.capturing(ALARM, queued, Duration.ofSeconds(10));

		assertThat(w.alarm()).isEqualTo(ALARM);
		assertThat(w.from()).isEqualTo(queued);
		assertThat(w.length()).isEqualTo(Duration.ofSeconds(10));
	}

	@Test
	void aWindowCannotEndBeforeItStarts() {
		assertThatIllegalArgumentException().isThrownBy(() -> new AlarmWindow(ALARM, ALARM, ALARM.minusMillis(1)));
	}

}
