package io.videostore.system;

import java.time.Duration;

import org.junit.jupiter.api.RepeatedTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one backoff: doubling from the base, capped, always in the upper half of the step
 * so clients that failed together spread out but none retries at once.
 */
class BackoffTests {

	@RepeatedTest(20)
	void delaysDoubleWithJitterUpToTheCapAndStartOverAfterAReset() {
		Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));

		assertThat(b.next()).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
		assertThat(b.next()).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
		for (int i = 0; i < 10; i++) {
			b.next();
		}
		assertThat(b.next()).isBetween(Duration.ofSeconds(15), Duration.ofSeconds(30));
		b.reset();
		assertThat(b.next()).isLessThanOrEqualTo(Duration.ofSeconds(1));
	}

	@RepeatedTest(20)
	void aDelayForSoManyFailuresIsTheSameStepWhoeverAsks() {
		Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1));

		assertThat(b.delay(0)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
		assertThat(b.delay(3)).isBetween(Duration.ofMillis(400), Duration.ofMillis(800));
		assertThat(b.delay(1000)).as("a huge count cannot overflow")
			.isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
		assertThat(b.delay(-1)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
	}

}
