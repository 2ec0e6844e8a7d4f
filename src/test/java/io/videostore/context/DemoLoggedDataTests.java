package io.videostore.context;

import java.time.Instant;
import java.util.List;

import io.videostore.ixon.data.DataPoint;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo machine's signals follow the same wall clock the demo camera burns into its
 * frames, so the chart and the picture agree without an IXON account.
 */
class DemoLoggedDataTests {

	private static final Instant FROM = Instant.parse("2026-11-27T10:15:35Z");

	private static final Instant TO = Instant.parse("2026-11-27T10:15:55Z");

	private final Signals signals = new DemoLoggedData().fetch(null, List.of(), FROM, TO);

	@Test
	void theClockSecondsSignalShowsTheSecondsTheDemoCameraBurnsIn() {
		Series seconds = series("demo-clock-seconds");

		assertThat(seconds.points()).hasSize(20);
		assertThat(seconds.points().get(0)).isEqualTo(new DataPoint(FROM, 35L));
		assertThat(seconds.points().get(19)).isEqualTo(new DataPoint(Instant.parse("2026-11-27T10:15:54Z"), 54L));
		assertThat(seconds.step()).isTrue();
	}

	@Test
	void theDoorIsLoggedOnChangeFromTheValueInForceAtTheWindowsStart() {
		Series door = series("demo-door-open");

		assertThat(door.points()).containsExactly(new DataPoint(FROM, false),
				new DataPoint(Instant.parse("2026-11-27T10:15:40Z"), true),
				new DataPoint(Instant.parse("2026-11-27T10:15:50Z"), false));
		assertThat(door.type()).isEqualTo("bool");
	}

	@Test
	void aCameraCanAskForSomeTagsAndHearsWhichDoNotExist() {
		Signals some = new DemoLoggedData().fetch(null, List.of("demo-spindle-load", "nope"), FROM, TO);

		assertThat(some.series()).extracting(Series::slug).containsExactly("demo-spindle-load");
		assertThat(some.problems()).containsExactly("the demo machine has no tag 'nope'");
	}

	private Series series(String slug) {
		return this.signals.series().stream().filter((s) -> s.slug().equals(slug)).findFirst().orElseThrow();
	}

}
