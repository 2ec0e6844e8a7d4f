package io.videostore.system;

import java.time.Duration;

import io.videostore.testcam.MovableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** A flood of bad requests writes a few lines a minute, and says how many it left out. */
@ExtendWith(OutputCaptureExtension.class)
class RateLimitedLogTests {

	@Test
	void aFloodWritesTheLimitAMinuteAndThenCountsWhatItLeftOut(CapturedOutput output) {
		MovableClock clock = MovableClock.frozen();
		RateLimitedLog log = new RateLimitedLog(LoggerFactory.getLogger(RateLimitedLogTests.class), 3, clock);

		for (int i = 0; i < 1000; i++) {
			log.info("bad request {}", i);
		}
		clock.advance(Duration.ofMinutes(1));
		log.warn("bad request {}", 1000);

		assertThat(output.getAll().lines().filter((l) -> l.contains("bad request"))).hasSize(4);
		assertThat(output.getAll()).contains("bad request 2").doesNotContain("bad request 3 ", "bad request 999");
		assertThat(output.getAll()).contains("bad request 1000 (997 similar line(s) left out in the last minute)");
	}

}
