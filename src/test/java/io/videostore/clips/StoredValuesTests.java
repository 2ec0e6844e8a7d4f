package io.videostore.clips;

import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Job states and alarm outcomes are enums in the code but stay the strings earlier
 * versions stored, so an existing index reads the same.
 */
class StoredValuesTests {

	@Test
	void jobStatesAreStoredAsTheStringsEarlierVersionsWrote() {
		assertThat(Arrays.stream(JobState.values()).map(JobState::value)).containsExactly("queued", "running", "done",
				"partial", "failed", "expired", "rejected", "joined");
		assertThat(JobState.of("partial")).isEqualTo(JobState.PARTIAL);
		assertThat(Arrays.stream(JobState.values()).filter(JobState::isFinal)).containsExactly(JobState.DONE,
				JobState.PARTIAL, JobState.FAILED, JobState.EXPIRED, JobState.REJECTED);
		assertThatIllegalArgumentException().isThrownBy(() -> JobState.of("recording"));
	}

	@Test
	void alarmOutcomesKeepTheirTextsAndAreReadBackByKind() {
		List<AlarmOutcome> outcomes = List.of(AlarmOutcome.accepted(),
				AlarmOutcome.acceptedExceptFor(List.of("a", "b")), AlarmOutcome.duplicateOf(7),
				AlarmOutcome.noCameraMatches(), AlarmOutcome.expired(LocalDateTime.of(2020, 1, 1, 0, 0)),
				AlarmOutcome.queueFull(), AlarmOutcome.stopping());

		assertThat(outcomes).extracting(AlarmOutcome::text)
			.containsExactly("accepted", "accepted; queue full for camera(s) a, b", "duplicate of alarm 7",
					"ignored: no camera matches",
					"expired: createdOn 2020-01-01T00:00 UTC is too long ago to record anything relevant",
					"rejected: queue full", "rejected: service stopping");
		assertThat(outcomes).allSatisfy((o) -> assertThat(AlarmOutcome.of(o.text())).isEqualTo(o));
		assertThat(outcomes).extracting((o) -> o.kind().tag())
			.containsExactly("accepted", "accepted", "duplicate", "ignored", "expired", "rejected", "rejected");
		assertThat(AlarmOutcome.of(null)).isNull();
	}

}
