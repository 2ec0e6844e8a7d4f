package io.videostore.clips;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Webhook threads storing alarms at once all succeed: SQLite's single writer makes them
 * wait, never fail; PostgreSQL takes them at once.
 */
class ConcurrentInsertTests {

	private static final int THREADS = 8;

	private static final int ALARMS_PER_THREAD = 500;

	/** The database these tests run on; a subclass runs them on another. */
	TestDatabase database() {
		return TestDatabase.SQLITE;
	}

	@TempDir
	Path folder;

	@Test
	void eightThreadsStoringFiveHundredAlarmsEachAllSucceed() throws Exception {
		try (TestIndex db = TestIndex.open(database(), this.folder, Clock.systemUTC())) {
			String payload = "{\"shortContent\":\"Emergency stop\",\"longContent\":\"" + "x".repeat(1500) + "\"}";
			ExecutorService pool = Executors.newFixedThreadPool(THREADS);
			CountDownLatch start = new CountDownLatch(1);
			List<Future<long[]>> results = new ArrayList<>();
			for (int t = 0; t < THREADS; t++) {
				String key = "device-" + t;
				results.add(pool.submit(() -> insert(db.alarms, key, payload, start)));
			}
			long began = System.nanoTime();
			start.countDown();
			long[] latencies = new long[0];
			for (Future<long[]> result : results) {
				long[] mine = result.get(2, TimeUnit.MINUTES);
				latencies = concat(latencies, mine);
			}
			double seconds = (System.nanoTime() - began) / 1e9;
			pool.shutdown();

			assertThat(db.alarms.countAlarms()).isEqualTo(THREADS * ALARMS_PER_THREAD);
			assertThat(db.alarms.countAlarmsByOutcome()).containsOnlyKeys("accepted");
			Arrays.sort(latencies);
			System.out.printf(
					"%s index: %d alarms from %d threads in %.2f s = %.0f inserts/s, "
							+ "latency p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
					database(), latencies.length, THREADS, seconds, latencies.length / seconds, millis(latencies, 0.50),
					millis(latencies, 0.99), latencies[latencies.length - 1] / 1e6);
		}
	}

	private static long[] insert(Alarms alarms, String key, String payload, CountDownLatch start)
			throws InterruptedException {
		long[] latencies = new long[ALARMS_PER_THREAD];
		start.await();
		for (int i = 0; i < ALARMS_PER_THREAD; i++) {
			long t0 = System.nanoTime();
			alarms.recordAlarm(new NewAlarm(Instant.now(), null, "c", key, key, "s", "alarm " + i, key, payload,
					"127.0.0.1", AlarmOutcome.accepted()));
			latencies[i] = System.nanoTime() - t0;
		}
		return latencies;
	}

	private static long[] concat(long[] a, long[] b) {
		long[] all = Arrays.copyOf(a, a.length + b.length);
		System.arraycopy(b, 0, all, a.length, b.length);
		return all;
	}

	private static double millis(long[] sorted, double quantile) {
		return sorted[(int) Math.ceil(quantile * sorted.length) - 1] / 1e6;
	}

}
