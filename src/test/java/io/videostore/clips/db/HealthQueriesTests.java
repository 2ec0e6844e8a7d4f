package io.videostore.clips.db;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The health components' questions to a database that does not answer: the first waits
 * its bound, the next ones are answered at once without asking, and once the moment has
 * passed the database is asked again.
 */
class HealthQueriesTests {

	private final HealthQueries queries = new HealthQueries(Duration.ofMillis(300), Duration.ofMillis(800));

	private final CountDownLatch never = new CountDownLatch(1);

	@AfterEach
	void close() {
		this.never.countDown();
		this.queries.close();
	}

	@Test
	void aDatabaseThatDoesNotAnswerCostsOneWaitNotOnePerComponent() throws Exception {
		AtomicInteger asked = new AtomicInteger();
		long start = System.nanoTime();
		assertThatThrownBy(() -> this.queries.ask(() -> {
			asked.incrementAndGet();
			return this.never.await(1, java.util.concurrent.TimeUnit.MINUTES);
		})).isInstanceOf(HealthQueries.NoAnswer.class).hasMessage("the database did not answer within 0.3 s");
		for (int i = 0; i < 5; i++) {
			assertThatThrownBy(() -> this.queries.ask(asked::incrementAndGet))
				.isInstanceOf(HealthQueries.NoAnswer.class)
				.hasMessageStartingWith("the database did not answer within 0.3 s (")
				.hasMessageEndingWith(" s ago; not asked again yet)");
		}
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(750));
		assertThat(asked).hasValue(1);

		Thread.sleep(900);
		assertThat(this.queries.ask(() -> 42)).as("asked again once the moment passed").isEqualTo(42);
	}

	@Test
	void aConnectionThatFailsCountsAsNoAnswerAndOtherErrorsAreTheQuestions() throws Exception {
		assertThatThrownBy(() -> this.queries.ask(() -> {
			throw new IllegalStateException("a bug");
		})).isInstanceOf(IllegalStateException.class);
		assertThat(this.queries.ask(() -> "asked")).isEqualTo("asked");

		assertThatThrownBy(() -> this.queries.ask(() -> {
			throw new CannotGetJdbcConnectionException("no connection",
					new java.sql.SQLException("Connection to localhost:5432 refused"));
		})).isInstanceOf(HealthQueries.NoAnswer.class)
			.hasMessage("the database could not be reached: Connection to localhost:5432 refused");
		assertThatThrownBy(() -> this.queries.ask(() -> "not asked")).isInstanceOf(HealthQueries.NoAnswer.class);
	}

}
