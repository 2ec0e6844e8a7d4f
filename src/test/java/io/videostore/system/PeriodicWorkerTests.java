package io.videostore.system;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The background thread behind the outboxes, the alarms' context and the cluster's
 * rounds: a wake runs a pass at once, also one that comes while a pass is running (an
 * alarm's context looked up as it arrives, not after the idle wait).
 */
@ExtendWith(OutputCaptureExtension.class)
class PeriodicWorkerTests {

	private static final Duration LONG_IDLE = Duration.ofHours(1);

	private final AtomicInteger passes = new AtomicInteger();

	private PeriodicWorker worker;

	@AfterEach
	void stop() {
		if (this.worker != null) {
			this.worker.stop(Duration.ofSeconds(5));
		}
	}

	@Test
	void aWakeWhileIdleRunsAPassAtOnce() {
		this.worker = new PeriodicWorker("test", LONG_IDLE, () -> {
			this.passes.incrementAndGet();
			return false;
		});
		this.worker.start();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.passes.get() == 1);

		this.worker.wake();

		await().atMost(Duration.ofSeconds(5)).until(() -> this.passes.get() == 2);
	}

	@Test
	void aWakeDuringAPassIsNotLostTheNextPassFollowsAtOnce() throws InterruptedException {
		CountDownLatch inFirstPass = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		this.worker = new PeriodicWorker("test", LONG_IDLE, () -> {
			if (this.passes.incrementAndGet() == 1) {
				inFirstPass.countDown();
				release.await();
			}
			return false;
		});
		this.worker.start();
		assertThat(inFirstPass.await(5, TimeUnit.SECONDS)).isTrue();

		this.worker.wake();
		release.countDown();

		await().atMost(Duration.ofSeconds(5)).until(() -> this.passes.get() == 2);
	}

	@Test
	void aPassThatThrowsDoesNotStopTheWorker() {
		this.worker = new PeriodicWorker("test", Duration.ofMillis(50), () -> {
			if (this.passes.incrementAndGet() == 1) {
				throw new IllegalStateException("boom");
			}
			return false;
		});
		this.worker.start();

		await().atMost(Duration.ofSeconds(5)).until(() -> this.passes.get() >= 2);
		assertThat(this.worker.running()).isTrue();
	}

	@Test
	void aPassThatFailsWithACredentialInItsMessageIsLoggedWithoutIt(CapturedOutput output) {
		this.worker = new PeriodicWorker("test", Duration.ofMillis(50), () -> {
			if (this.passes.incrementAndGet() == 1) {
				throw new IllegalStateException("cannot reach https://operator:hunter2@s3.example/clips");
			}
			return false;
		});
		this.worker.start();

		await().atMost(Duration.ofSeconds(5)).until(() -> this.passes.get() >= 2);
		assertThat(output).contains("cannot reach https://").doesNotContain("hunter2");
	}

}
