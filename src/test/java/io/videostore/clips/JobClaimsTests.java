package io.videostore.clips;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The shared queue on a real index: each queued job is claimed by one instance, oldest
 * first, only for the cameras it owns, and again by another once the claim's lease ran
 * out.
 */
class JobClaimsTests extends OnTestIndex {

	private static final Duration LEASE = TestIndex.LEASE;

	private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

	private int alarmCount;

	@Override
	Instant now() {
		return NOW;
	}

	private JobClaims claims;

	@BeforeEach
	void open() {
		this.claims = this.db.claims();
	}

	@Test
	void eachQueuedJobIsClaimedOnceOldestFirstForTheOwnedCamerasOnly() {
		long a = job("press");
		long b = job("gate");
		long c = job("press");
		Instant now = NOW;

		List<JobView> first = this.claims.claim("one", List.of("press"), now, now.plus(LEASE), 10, true);
		List<JobView> second = this.claims.claim("two", List.of("press", "gate"), now, now.plus(LEASE), 10, true);

		assertThat(first).extracting(JobView::id).containsExactly(a, c);
		assertThat(second).extracting(JobView::id).containsExactly(b);
		assertThat(this.claims.queued()).isEqualTo(3);
	}

	@Test
	void aClaimWhoseLeaseRanOutIsClaimedAgainUnlessItWasRenewed() {
		long a = job("press");
		Instant now = NOW;
		this.claims.claim("one", List.of("press"), now, now.plus(LEASE), 10, true);

		this.db.timePasses(Duration.ofSeconds(8));
		assertThat(this.claims.renew("one", now.plus(LEASE))).isEqualTo(1);
		this.db.timePasses(Duration.ofSeconds(12));
		assertThat(claim("two")).as("renewed 12 s ago").isEmpty();
		this.db.timePasses(Duration.ofSeconds(4));
		assertThat(claim("two")).extracting(JobView::id).containsExactly(a);
	}

	@Test
	void aClaimWhoseAnswerWasLostIsNotRenewedAndIsClaimedAgainOnceItRunsOut() {
		long a = job("press");
		Instant now = NOW;
		// The database took the claim, then went away before answering: the row is
		// "one"'s, but "one" does not know it holds it.
		assertThat(claimOwn("one")).hasSize(1);
		this.db.claimAnswerLost(a);

		this.db.timePasses(Duration.ofSeconds(8));
		assertThat(this.claims.renew("one", now.plus(LEASE))).as("not in its hands: not renewed").isZero();
		assertThat(claimOwn("one")).as("still within its lease").isEmpty();
		this.db.timePasses(LEASE);
		assertThat(claimOwn("one")).as("ran out: claimed again, without waiting to settle")
			.extracting(JobView::id)
			.containsExactly(a);
		assertThat(this.claims.renew("one", now.plus(LEASE))).as("in its hands now").isEqualTo(1);
	}

	private List<JobView> claimOwn(String instance) {
		return this.claims.claim(instance, List.of("press"), NOW, NOW.plus(LEASE), 10, false);
	}

	@Test
	void aRunningJobWhoseInstanceStoppedRenewingIsAbandoned() {
		long a = job("press");
		Instant now = NOW;
		this.claims.claim("one", List.of("press"), now, now.plus(LEASE), 10, true);
		this.db.jobs.jobStarted(a, now);

		this.db.timePasses(Duration.ofSeconds(5));
		assertThat(this.claims.abandoned(List.of("press"), now)).isEmpty();
		this.db.timePasses(LEASE);
		assertThat(this.claims.abandoned(List.of("press"), now)).extracting(JobView::id).containsExactly(a);
		assertThat(this.claims.abandoned(List.of("gate"), now)).isEmpty();
	}

	@Test
	void anInstanceThatIsNotSettledLeavesOtherInstancesLapsedClaimsAlone() {
		long a = job("press");
		Instant now = NOW;
		this.claims.claim("one", List.of("press"), now, now.plus(LEASE), 10, true);
		this.db.timePasses(LEASE.plusSeconds(1));

		assertThat(this.claims.claim("two", List.of("press"), now, now.plus(LEASE), 10, false))
			.as("right after an outage, the holder renews first")
			.isEmpty();
		assertThat(this.claims.claim("one", List.of("press"), now, now.plus(LEASE), 10, false))
			.as("its own lapsed claim")
			.extracting(JobView::id)
			.containsExactly(a);
	}

	@Test
	void anOutcomeIsWrittenOnlyUnderTheClaimItWasRecordedUnder() {
		long a = job("press");
		Instant now = NOW;
		JobClaims two = this.db.claimsOfAnotherInstance();
		this.claims.claim("one", List.of("press"), now, now.plus(LEASE), 10, true);
		this.db.jobs.jobStarted(a, now);
		this.db.timePasses(LEASE.plusSeconds(1));
		assertThat(two.takeAbandoned(a, "two", now, now.plus(LEASE))).as("one stopped renewing").isTrue();

		assertThatThrownBy(() -> this.db.jobs.jobFinished(a, JobState.DONE, null, null, now))
			.as("one's late outcome is fenced")
			.isInstanceOf(FencedException.class);
		assertThat(this.db.jobs.job(a).orElseThrow().state()).isEqualTo(JobState.RUNNING);
	}

	@Test
	void aLateClipThatCoversTheAlarmWinsOverTheLaterRecordingWhichStaysAsASecondClip() {
		Instant now = NOW;
		long alarm = this.db.alarms.recordAlarm(TestIndex.alarm(now,
				java.time.LocalDateTime.ofInstant(now, java.time.ZoneOffset.UTC), "k-covered", "accepted"));
		long a = this.db.jobs.createJob(alarm, "press", JobState.QUEUED, now, now.plusSeconds(10), null);
		this.claims.claim("one", List.of("press"), now, now.plus(LEASE), 10, true);
		this.db.jobs.jobStarted(a, now);
		this.db.timePasses(LEASE.plusSeconds(1));
		assertThat(this.db.claimsOfAnotherInstance().takeAbandoned(a, "two", now, now.plus(LEASE))).isTrue();
		// "two" records it again, 40 s after the alarm: its clip does not show it.
		TestIndex.Tables two = this.db.asInstance("two", java.time.Clock.fixed(now, java.time.ZoneOffset.UTC));
		long later = two.clips().recordClip(clip("later.mp4", now.plusSeconds(40)));
		two.jobs().jobFinished(a, JobState.DONE, "recorded again", later, now);

		// "one" comes back with the clip it made around the alarm.
		long around = this.db.clips.keepSecondClip(a, clip("around.mp4", now.minusSeconds(5)));

		assertThat(this.db.jobs.job(a).orElseThrow().clipId()).as("the clip that covers the alarm").isEqualTo(around);
		assertThat(this.db.jobs.job(a).orElseThrow().reason()).contains("covers the alarm");
		assertThat(this.db.clips.secondClips(alarm)).as("the later one kept, not deleted").containsExactly(later);
	}

	private static ClipRecord clip(String name, Instant from) {
		return new ClipRecord("press", "/videos/" + name, 10.0, 100, "h264", 640, 360, 1000, from, from.plusSeconds(10),
				from);
	}

	private List<JobView> claim(String instance) {
		return this.claims.claim(instance, List.of("press"), NOW, NOW.plus(LEASE), 10, true);
	}

	@Test
	void twoInstancesClaimingAtOnceNeverGetTheSameJob() throws Exception {
		for (int i = 0; i < 200; i++) {
			job("press");
		}
		Instant now = NOW;
		java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
		try {
			java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(2);
			List<java.util.concurrent.Future<List<Long>>> claimed = pool
				.invokeAll(List.of("one", "two").stream().<java.util.concurrent.Callable<List<Long>>>map((me) -> () -> {
					List<Long> mine = new java.util.ArrayList<>();
					List<JobView> batch;
					start.countDown();
					start.await();
					do {
						batch = this.claims.claim(me, List.of("press"), now, now.plus(LEASE), 7, true);
						batch.forEach((j) -> mine.add(j.id()));
					}
					while (!batch.isEmpty());
					return mine;
				}).toList());
			List<Long> one = claimed.get(0).get();
			List<Long> two = claimed.get(1).get();

			List<Long> both = new java.util.ArrayList<>(one);
			both.addAll(two);
			// Either may get them all when the other thread starts late; what must never
			// happen is one job in both hands, or a job in none.
			assertThat(both).as("claimed by one or two").hasSize(200).doesNotHaveDuplicates();
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void queuedJobsAreCountedPerGroupOfCamerasAndPerCameraWithTheOldest() {
		job("press");
		job("press");
		job("gate");
		long started = job("mixer");
		this.db.jobs.jobStarted(started, NOW);

		assertThat(this.claims.queued(List.of("press", "gate"))).isEqualTo(3);
		assertThat(this.claims.queued(List.of("press"))).isEqualTo(2);
		assertThat(this.claims.queued(List.of("mixer"))).as("running is not queued").isZero();
		assertThat(this.claims.queued(List.of())).isZero();
		assertThat(this.claims.queuedByCamera()).containsOnlyKeys("press", "gate");
		assertThat(this.claims.queuedByCamera().get("press")).isEqualTo(new JobClaims.Queued(2, NOW));
		assertThat(this.claims.queuedByCamera().get("press").plus(JobClaims.Queued.NONE).count()).isEqualTo(2);
	}

	private long job(String camera) {
		Instant now = NOW;
		long alarm = this.db.alarms.recordAlarm(TestIndex.alarm(now, "k-" + camera + (this.alarmCount++), "accepted"));
		return this.db.jobs.createJob(alarm, camera, JobState.QUEUED, now, now.plusSeconds(10), null);
	}

}
