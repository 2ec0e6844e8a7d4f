package io.videostore.recording.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.videostore.clips.JobState;
import io.videostore.clips.JobView;
import io.videostore.clips.NewAlarm;
import io.videostore.clips.TestDatabase;
import io.videostore.clips.TestIndex;
import io.videostore.config.AppConfig;
import io.videostore.config.CameraAuth;
import io.videostore.config.CameraConfig;
import io.videostore.config.CameraSourceType;
import io.videostore.config.IxonApiConfig;
import io.videostore.config.MatchRules;
import io.videostore.config.VideoConfig;
import io.videostore.config.WebhooksConfig;
import io.videostore.recording.FakeSource;
import io.videostore.recording.OwnedCameras;
import io.videostore.recording.RecordingQueue;
import io.videostore.recording.Submission;
import io.videostore.recording.TestQueue;
import io.videostore.recording.source.ClipSource;
import io.videostore.testcam.LocalPostgres;
import io.videostore.testcam.MovableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Instances on one PostgreSQL index, each a {@link ClusterMember} driven round by round
 * on one movable clock: how cameras spread, move when an owner stops renewing, and how an
 * alarm for another instance's camera reaches its owner. (Three real JVMs:
 * {@code ClusterIntegrationTests}.)
 */
class ClusterMemberTests {

	private static final Duration LEASE = Duration.ofSeconds(15);

	@TempDir
	Path dir;

	private final MovableClock clock = MovableClock.frozen();

	private TestIndex db;

	private final List<Member> members = new ArrayList<>();

	private final List<CameraConfig> cameras = new ArrayList<>();

	/** One instance: its cameras, its queue and the buffers it keeps. */
	private record Member(OwnedCameras owned, RecordingQueue queue, ClusterMember member, Set<String> buffering) {

		Set<String> cameras() {
			return this.owned.owned();
		}

	}

	@BeforeEach
	void openIndex() {
		this.db = TestIndex.open(TestDatabase.POSTGRESQL, this.dir, this.clock);
		for (String id : List.of("cam-1", "cam-2", "cam-3", "cam-4")) {
			this.cameras.add(camera(id, ""));
		}
	}

	@AfterEach
	void close() {
		if (this.db != null) {
			this.db.close();
		}
	}

	@Test
	void instancesStartingTogetherSplitTheCamerasEvenlyWithinAFewRounds() {
		Member a = member("node-a", "");
		Member b = member("node-b", "");
		Member c = member("node-c", "");

		rounds(6);

		assertThat(List.of(a.cameras().size(), b.cameras().size(), c.cameras().size())).containsExactlyInAnyOrder(2, 1,
				1);
		Set<String> all = new TreeSet<>();
		this.members.forEach((m) -> all.addAll(m.cameras()));
		assertThat(all).as("each camera owned once").hasSize(4);
		this.members.forEach((m) -> assertThat(m.buffering()).isEqualTo(m.cameras()));
	}

	@Test
	void anInstanceThatStopsRenewingLosesItsCamerasToTheOthersOnceTheLeaseRunsOut() {
		Member a = member("node-a", "");
		rounds(2);
		assertThat(a.cameras()).hasSize(4);
		Member b = member("node-b", "");
		rounds(8);
		assertThat(b.cameras()).as("handed over one per round until even").hasSize(2);
		assertThat(a.buffering()).as("a's handed-over buffers stopped").hasSize(2);

		// a dies: it renews nothing any more. Its last renewal was one round (3 s) ago.
		this.members.remove(a);
		advance(LEASE.minus(LEASE.dividedBy(5)).minusSeconds(1));
		rounds(1);
		assertThat(b.cameras()).as("not before the lease ran out").hasSize(2);
		advance(Duration.ofSeconds(2));
		rounds(1);
		assertThat(b.cameras()).hasSize(4);
		assertThat(b.buffering()).hasSize(4);
	}

	@Test
	void anInstanceAloneThatFencedDuringADatabaseOutageRecordsItsCamerasAgainWhenTheDatabaseAnswers() {
		Member a = member("node-a", "");
		rounds(2);
		assertThat(a.cameras()).hasSize(4);

		try (LocalPostgres.Outage outage = LocalPostgres.shared().outage(TestDatabase.postgresqlFor(this.dir))) {
			this.clock.advance(LEASE.plusSeconds(1));
			a.member().round();
			assertThat(a.buffering()).as("streams stopped: its leases may be someone else's").isEmpty();
		}
		afterOutage(LEASE.plusSeconds(1));
		// The pool's connections the outage ended fail once each, then a round works.
		await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
			a.member().round();
			assertThat(a.cameras()).as("nobody else took them: its own lapsed leases").hasSize(4);
		});
		assertThat(a.buffering()).hasSize(4);
	}

	@Test
	void aFenceWhoseLeasesDidNotLapseTakesTheCamerasBackAtTheNextRound() {
		Member a = member("node-a", "");
		rounds(2);

		try (LocalPostgres.Outage outage = LocalPostgres.shared().outage(TestDatabase.postgresqlFor(this.dir))) {
			this.clock.advance(LEASE.multipliedBy(4).dividedBy(5).plusMillis(100));
			a.member().round();
			assertThat(a.buffering()).isEmpty();
		}
		afterOutage(LEASE.multipliedBy(4).dividedBy(5).plusMillis(100));
		await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
			a.member().round();
			assertThat(a.cameras()).hasSize(4);
		});
		assertThat(a.buffering()).hasSize(4);
	}

	@Test
	void aDatabaseBlinkLongerThanTheLeaseMovesNoCameraAndNoJob() {
		this.cameras.add(camera("cam-5", ""));
		Member a = member("node-a", "");
		Member b = member("node-b", "");
		Member c = member("node-c", "");
		rounds(8);
		java.util.Map<Member, Set<String>> before = new java.util.IdentityHashMap<>();
		this.members.forEach((m) -> before.put(m, m.cameras()));
		assertThat(this.members).allSatisfy((m) -> assertThat(m.cameras().size()).isBetween(1, 2));
		String ofA = a.cameras().iterator().next();
		CameraConfig camera = this.cameras.stream().filter((cam) -> cam.id().equals(ofA)).findFirst().orElseThrow();
		Submission s = b.queue().submit(alarm(), camera, LocalDateTime.now(this.clock), "clip.mp4");
		a.member().round();
		assertThat(this.db.claims().mine("node-a")).extracting(JobView::id).contains(s.jobId());

		// Every instance loses the database for longer than a lease: all leases and
		// claims run out by the database's clock meanwhile.
		try (LocalPostgres.Outage outage = LocalPostgres.shared().outage(TestDatabase.postgresqlFor(this.dir))) {
			this.members.forEach((m) -> m.member().round());
			this.clock.advance(LEASE.plusSeconds(5));
			this.members.forEach((m) -> m.member().round());
		}
		afterOutage(LEASE.plusSeconds(5));
		// b and c get the database back first; a only a few rounds later.
		await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
			b.member().round();
			c.member().round();
			assertThat(b.member().renewed()).isAfter(this.clock.instant().minusSeconds(1));
		});
		for (int i = 0; i < 3; i++) {
			b.member().round();
			c.member().round();
			advance(LEASE.dividedBy(5));
		}
		assertThat(b.cameras()).as("b took none of a's lapsed cameras").isEqualTo(before.get(b));
		assertThat(c.cameras()).as("c took none of a's lapsed cameras").isEqualTo(before.get(c));
		assertThat(this.db.claims().mine("node-b")).extracting(JobView::id).doesNotContain(s.jobId());
		await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
			a.member().round();
			assertThat(a.cameras()).isEqualTo(before.get(a));
		});
		rounds(10);

		this.members.forEach((m) -> assertThat(m.cameras()).as("nothing moved").isEqualTo(before.get(m)));
		assertThat(this.db.claims().mine("node-a")).extracting(JobView::id).contains(s.jobId());
	}

	@Test
	void anAlarmForAnotherInstancesCameraWaitsInTheDatabaseUntilItsOwnerClaimsIt() {
		Member a = member("node-a", "");
		rounds(2);
		Member b = member("node-b", "");
		rounds(8);
		String ofA = a.cameras().iterator().next();
		CameraConfig camera = this.cameras.stream().filter((c) -> c.id().equals(ofA)).findFirst().orElseThrow();

		Submission s = b.queue().submit(alarm(), camera, LocalDateTime.now(this.clock).minusSeconds(1), "clip.mp4");

		assertThat(s.state()).isEqualTo(Submission.State.QUEUED);
		assertThat(b.queue().depth()).as("not in the lanes of the instance it arrived at").isZero();
		a.member().round();
		assertThat(a.queue().depth()).isOne();
		assertThat(job(s.jobId()).state()).isEqualTo(JobState.QUEUED);
		assertThat(this.db.claims().mine("node-a")).extracting(JobView::id).contains(s.jobId());
	}

	@Test
	void anEdgeRecorderOwnsOnlyTheCamerasOfItsSite() {
		this.cameras.add(camera("press", "plant-a"));
		Member cloud = member("cloud-1", "");
		Member edge = member("edge-a", "plant-a");

		rounds(4);

		assertThat(edge.cameras()).containsExactly("press");
		assertThat(cloud.cameras()).containsExactlyInAnyOrder("cam-1", "cam-2", "cam-3", "cam-4");
	}

	@Test
	void anAlarmForACameraThatNoLiveInstanceMayRecordIsClosedWithTheSiteOnceTooOld() {
		this.cameras.add(camera("press", "plant-a"));
		Member cloud = member("cloud-1", "");
		rounds(2);
		CameraConfig press = this.cameras.get(4);
		Submission s = cloud.queue().submit(alarm(), press, LocalDateTime.now(this.clock), "clip.mp4");
		assertThat(s.state()).isEqualTo(Submission.State.QUEUED);

		advance(Duration.ofMinutes(6));
		rounds(2);

		JobView job = job(s.jobId());
		assertThat(job.state()).isEqualTo(JobState.EXPIRED);
		assertThat(job.reason()).contains("site 'plant-a' has no live recorder for camera 'press'")
			.doesNotContain("late webhook", "clock skew");
	}

	/**
	 * The database's clock catches up with the time that passed while it was away (the
	 * pool's connections the outage ended fail once each first).
	 */
	private void afterOutage(Duration d) {
		await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
			try {
				this.db.alarms.countAlarms();
				return true;
			}
			catch (RuntimeException ex) {
				return false;
			}
		});
		await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
			this.db.timePasses(d);
			return true;
		});
	}

	/** Time passes, for the instances and for the database's clock alike. */
	private void advance(Duration d) {
		this.clock.advance(d);
		this.db.timePasses(d);
	}

	private void rounds(int n) {
		for (int i = 0; i < n; i++) {
			for (Member m : this.members) {
				m.member().round();
			}
			// One renewal period per round: every member renews each time.
			advance(LEASE.dividedBy(5));
		}
	}

	private Member member(String id, String site) {
		AppConfig config = new AppConfig(new IxonApiConfig("", "", "", "", "", IxonApiConfig.DEFAULT_BASE_URL),
				this.cameras, VideoConfig.DEFAULTS, WebhooksConfig.DEFAULTS, null, false);
		Set<String> buffering = new TreeSet<>();
		ClipSource buffers = new FakeSource(ClipSource.Lane.CAPTURE, (camera) -> true) {

			@Override
			public void own(CameraConfig camera) {
				buffering.add(camera.id());
			}

			@Override
			public void disown(CameraConfig camera) {
				buffering.remove(camera.id());
			}

		};
		TestQueue q = TestQueue.shared(id, site, LEASE, buffers, this.db, this.clock);
		ClusterMember member = new ClusterMember(config, q.owned(), this.db.cluster(), this.db.claims(), q.queue(),
				q.sources(), this.db.alarms, this.db.jobs, q.alarmTime(), this.clock);
		Member m = new Member(q.owned(), q.queue(), member, buffering);
		this.members.add(m);
		return m;
	}

	private long alarm() {
		return this.db.alarms.recordAlarm(new NewAlarm(this.clock.instant(), LocalDateTime.now(this.clock), "c1", "d1",
				"Press", "alarm-high", "Door open", "key-" + System.nanoTime(), "{}", "127.0.0.1", null));
	}

	private JobView job(long id) {
		for (long alarm = 1; alarm <= this.db.alarms.countAlarms(); alarm++) {
			for (JobView job : this.db.jobs.jobsForAlarm(alarm)) {
				if (job.id() == id) {
					return job;
				}
			}
		}
		throw new AssertionError("no job " + id);
	}

	private static CameraConfig camera(String id, String site) {
		return new CameraConfig(id, id, CameraSourceType.DEMO, null, CameraAuth.NONE, null, null, null, null,
				MatchRules.ALL, VideoConfig.DEFAULTS, site);
	}

}
