package io.videostore.clips;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.videostore.testcam.MovableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared queue on a real index: each queued job is claimed by one instance, oldest
 * first, only for the cameras it owns, and again by another once the claim's lease ran
 * out.
 */
class JobClaimsTests {

	private static final Duration LEASE = Duration.ofSeconds(10);

	@TempDir
	Path folder;

	private final MovableClock clock = MovableClock.frozen();

	private TestIndex db;

	private JobClaims claims;

	@BeforeEach
	void open() {
		this.db = TestIndex.open(this.folder, this.clock);
		this.claims = this.db.claims();
	}

	@AfterEach
	void close() {
		this.db.close();
	}

	@Test
	void eachQueuedJobIsClaimedOnceOldestFirstForTheOwnedCamerasOnly() {
		long a = job("press");
		long b = job("gate");
		long c = job("press");
		Instant now = this.clock.instant();

		List<JobView> first = this.claims.claim("one", List.of("press"), now, now.plus(LEASE), 10);
		List<JobView> second = this.claims.claim("two", List.of("press", "gate"), now, now.plus(LEASE), 10);

		assertThat(first).extracting(JobView::id).containsExactly(a, c);
		assertThat(second).extracting(JobView::id).containsExactly(b);
		assertThat(this.claims.queued()).isEqualTo(3);
	}

	@Test
	void aClaimWhoseLeaseRanOutIsClaimedAgainUnlessItWasRenewed() {
		long a = job("press");
		Instant now = this.clock.instant();
		this.claims.claim("one", List.of("press"), now, now.plus(LEASE), 10);

		Instant later = now.plusSeconds(8);
		assertThat(this.claims.renew("one", later.plus(LEASE))).isEqualTo(1);
		assertThat(this.claims.claim("two", List.of("press"), now.plusSeconds(12), now.plusSeconds(22), 10))
			.as("renewed until 18 s")
			.isEmpty();
		assertThat(this.claims.claim("two", List.of("press"), now.plusSeconds(19), now.plusSeconds(29), 10))
			.extracting(JobView::id)
			.containsExactly(a);
	}

	@Test
	void aRunningJobWhoseInstanceStoppedRenewingIsAbandoned() {
		long a = job("press");
		Instant now = this.clock.instant();
		this.claims.claim("one", List.of("press"), now, now.plus(LEASE), 10);
		this.db.index.jobStarted(a, now);

		assertThat(this.claims.abandoned(List.of("press"), now.plusSeconds(5))).isEmpty();
		assertThat(this.claims.abandoned(List.of("press"), now.plusSeconds(11))).extracting(JobView::id)
			.containsExactly(a);
		assertThat(this.claims.abandoned(List.of("gate"), now.plusSeconds(11))).isEmpty();
	}

	private long job(String camera) {
		Instant now = this.clock.instant();
		long alarm = this.db.index.recordAlarm(TestIndex.alarm(now, "k-" + camera + now.toEpochMilli(), "accepted"));
		this.clock.advance(Duration.ofMillis(1));
		return this.db.index.createJob(alarm, camera, JobState.QUEUED, now, now.plusSeconds(10), null);
	}

}
