package io.videostore.recording;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.videostore.clips.NewAlarm;
import io.videostore.clips.TestDatabase;
import io.videostore.clips.TestIndex;
import io.videostore.config.CameraAuth;
import io.videostore.config.CameraConfig;
import io.videostore.config.CameraSourceType;
import io.videostore.config.MatchRules;
import io.videostore.config.VideoConfig;
import io.videostore.recording.source.ClipSource;
import io.videostore.testcam.MovableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How {@code webhooks.queue_size} is shared: per camera site on a shared database (a dead
 * site fills only its own share), and per camera (a camera that queues one job per alarm
 * leaves room for the others), alone on SQLite too; each full answer says which share and
 * why.
 */
class QueueSharesTests {

	private static final Duration LEASE = Duration.ofSeconds(15);

	private static final VideoConfig PRE_ROLL = new VideoConfig(false, Duration.ofSeconds(5), 0, true, "auto",
			Path.of("videos"), Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofSeconds(10));

	@TempDir
	Path dir;

	private final MovableClock clock = MovableClock.frozen();

	private TestIndex db;

	@AfterEach
	void close() {
		if (this.db != null) {
			this.db.close();
		}
	}

	@Test
	void aCameraAloneKeepsTheWholeBoundAndOthersKeepOneSlotEachDownToHalfOfIt() {
		assertThat(QueueShares.cameraShare(10, 1)).isEqualTo(10);
		assertThat(QueueShares.cameraShare(10, 3)).isEqualTo(8);
		assertThat(QueueShares.cameraShare(10, 30)).isEqualTo(5);
		assertThat(QueueShares.cameraShare(3, 3)).isEqualTo(2);
		assertThat(QueueShares.cameraShare(1, 5)).isEqualTo(1);
	}

	@Test
	void aStormOnOnePreRollCameraLeavesRoomForTheOtherCamerasOfASingleInstance() {
		this.db = TestIndex.open(TestDatabase.SQLITE, this.dir, this.clock);
		CameraConfig pre = camera("pre", PRE_ROLL, "");
		CameraConfig press = camera("press", VideoConfig.DEFAULTS, "");
		CameraConfig gate = camera("gate", VideoConfig.DEFAULTS, "");
		OwnedCameras owned = new OwnedCameras(false, "alone", "", LEASE);
		RecordingQueue queue = queue(4, List.of(pre, press, gate), owned, Set.of(), Set.of());

		List<Submission> storm = List.of(submit(queue, pre), submit(queue, pre), submit(queue, pre));
		Submission other = submit(queue, press);

		assertThat(storm).extracting(Submission::state)
			.containsExactly(Submission.State.QUEUED, Submission.State.QUEUED, Submission.State.FULL);
		assertThat(storm.get(2).why()).isEqualTo("camera 'pre' already has 2 queued jobs: its share of "
				+ "webhooks.queue_size (4) is 2, so that the 2 other camera(s) keep room");
		assertThat(other.state()).isEqualTo(Submission.State.QUEUED);
		assertThat(submit(queue, gate).state()).isEqualTo(Submission.State.QUEUED);
		assertThat(submit(queue, camera("more", VideoConfig.DEFAULTS, "")).state()).as("the whole queue holds 4")
			.isEqualTo(Submission.State.FULL);
	}

	@Test
	void aDeadSiteFillsOnlyItsOwnShareOfTheQueueOnPostgresql() {
		this.db = TestIndex.open(TestDatabase.POSTGRESQL, this.dir, this.clock);
		CameraConfig gate = camera("gate", VideoConfig.DEFAULTS, "");
		CameraConfig press1 = camera("press-1", PRE_ROLL, "plant-a");
		CameraConfig press2 = camera("press-2", PRE_ROLL, "plant-a");
		OwnedCameras owned = new OwnedCameras(true, "cloud-1", "", LEASE);
		owned.gained("gate");
		RecordingQueue queue = queue(3, List.of(gate, press1, press2), owned, Set.of(""), Set.of("gate"));

		List<Submission> site = List.of(submit(queue, press1), submit(queue, press2), submit(queue, press1),
				submit(queue, press2));
		Submission cloud = submit(queue, gate);

		assertThat(site).extracting(Submission::state)
			.containsExactly(Submission.State.QUEUED, Submission.State.QUEUED, Submission.State.QUEUED,
					Submission.State.FULL);
		assertThat(site.get(3).why()).isEqualTo(
				"site 'plant-a' has no live recorder: its 3 queued jobs fill its share of webhooks.queue_size (3)");
		assertThat(cloud.state()).as("the cloud camera is not blocked").isEqualTo(Submission.State.QUEUED);
	}

	@Test
	void aCloudCameraWithoutALiveOwnerFillsOnlyItsOwnShareOnPostgresql() {
		this.db = TestIndex.open(TestDatabase.POSTGRESQL, this.dir, this.clock);
		CameraConfig orphan = camera("orphan", PRE_ROLL, "");
		CameraConfig gate = camera("gate", VideoConfig.DEFAULTS, "");
		OwnedCameras owned = new OwnedCameras(true, "cloud-1", "", LEASE);
		owned.gained("gate");
		RecordingQueue queue = queue(4, List.of(orphan, gate), owned, Set.of(""), Set.of("gate"));

		List<Submission> storm = List.of(submit(queue, orphan), submit(queue, orphan), submit(queue, orphan),
				submit(queue, orphan));
		Submission other = submit(queue, gate);

		assertThat(storm).extracting(Submission::state)
			.containsExactly(Submission.State.QUEUED, Submission.State.QUEUED, Submission.State.QUEUED,
					Submission.State.FULL);
		assertThat(storm.get(3).why()).isEqualTo("camera 'orphan' has no live owner and already has 3 queued jobs: "
				+ "its share of webhooks.queue_size (4) is 3, so that the 1 other camera(s) of its site keep room");
		assertThat(other.state()).isEqualTo(Submission.State.QUEUED);
	}

	private RecordingQueue queue(int capacity, List<CameraConfig> cameras, OwnedCameras owned, Set<String> liveSites,
			Set<String> ownedCameras) {
		FakeSource preRoll = new FakeSource(ClipSource.Lane.CLIP, (c) -> !c.video().preRoll().isZero());
		FakeSource onDemand = new FakeSource(ClipSource.Lane.CAPTURE, (c) -> true);
		QueueShares shares = new QueueShares(capacity, cameras, owned, this.db.claims(), liveSites::contains,
				ownedCameras::contains);
		RecordingQueue queue = new RecordingQueue(new Lanes(capacity, this.db.jobs, this.db.clips, this.clock),
				new ClipSources(List.of(preRoll, onDemand)), this.db.jobs, new AlarmTime(Duration.ofSeconds(10)),
				new RecordingMetrics(new SimpleMeterRegistry()), this.clock, owned, this.db.claims(), shares);
		queue.start();
		return queue;
	}

	private Submission submit(RecordingQueue queue, CameraConfig camera) {
		LocalDateTime createdOn = LocalDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC);
		long alarmId = this.db.alarms.recordAlarm(new NewAlarm(this.clock.instant(), createdOn, "c1", "d1", "Press",
				"alarm-high", "Door open", "key-" + System.nanoTime(), "{}", "127.0.0.1", null));
		return queue.submit(alarmId, camera, createdOn, "clip.mp4");
	}

	private static CameraConfig camera(String id, VideoConfig video, String site) {
		return new CameraConfig(id, id, CameraSourceType.DEMO, null, CameraAuth.NONE, null, null, null, null,
				MatchRules.ALL, video, site);
	}

}
