package io.videostore.recording;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.videostore.clips.Alarms;
import io.videostore.clips.JobState;
import io.videostore.clips.JobView;
import io.videostore.clips.ClipRecord;
import io.videostore.clips.Jobs;
import io.videostore.clips.NewAlarm;
import io.videostore.clips.TestIndex;
import io.videostore.config.CameraAuth;
import io.videostore.config.CameraConfig;
import io.videostore.config.CameraSourceType;
import io.videostore.config.MatchRules;
import io.videostore.config.VideoConfig;
import io.videostore.ffmpeg.ClipProbe;
import io.videostore.recording.source.ClipSource;
import io.videostore.recording.source.RecordingJob;
import io.videostore.recording.source.RecordingResult;
import io.videostore.testcam.MovableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The queue between the webhook and the workers, without workers or ffmpeg: who joins a
 * capture, who gets a clip of their own, what a full queue, a late alarm and a stop leave
 * in the index.
 */
@ExtendWith(OutputCaptureExtension.class)
class RecordingQueueTests {

	@TempDir
	Path dir;

	private final MovableClock clock = MovableClock.frozen();

	private final FakeSource preRoll = new FakeSource(ClipSource.Lane.CLIP, (camera) -> camera.id().equals("pre"));

	private final FakeSource onDemand = new FakeSource(ClipSource.Lane.CAPTURE, (camera) -> true);

	private final CameraConfig press = camera("press", VideoConfig.DEFAULTS);

	private final CameraConfig pre = camera("pre", new VideoConfig(false, Duration.ofSeconds(5), 0, true, "auto",
			Path.of("videos"), Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofSeconds(10)));

	private TestIndex db;

	private Alarms alarms;

	private Jobs jobs;

	private Lanes lanes;

	private RecordingQueue queue;

	@BeforeEach
	void openQueue() {
		this.db = TestIndex.open(this.dir, this.clock);
		this.alarms = this.db.alarms;
		this.jobs = this.db.jobs;
		this.queue = queue(3);
		this.queue.start();
	}

	@AfterEach
	void close() {
		this.db.close();
	}

	@Test
	void anAlarmForACameraWithACaptureWaitingJoinsIt() {
		Submission first = submit(this.press, now());
		Submission second = submit(this.press, now());

		assertThat(first.state()).isEqualTo(Submission.State.QUEUED);
		assertThat(second.state()).isEqualTo(Submission.State.JOINED);
		JobView joined = job(second.jobId());
		assertThat(joined.state()).isEqualTo(JobState.JOINED);
		assertThat(joined.joinedJobId()).isEqualTo(first.jobId());
		assertThat(this.queue.depth()).isOne();
	}

	@Test
	void aCaptureWindowStartsWhenItIsQueuedAndLastsTheCamerasDuration() {
		Instant queued = this.clock.instant();

		JobView job = job(submit(this.press, now().minusSeconds(2)).jobId());

		assertThat(job.windowStart()).isEqualTo(queued);
		assertThat(job.windowEnd()).isEqualTo(queued.plus(this.press.video().duration()));
	}

	@Test
	void everyAlarmOfABufferingCameraGetsAClipOfItsOwnAroundItsCreatedOnWithTheFootageHeld() {
		LocalDateTime createdOn = now().minusSeconds(5);

		Submission a = submit(this.pre, createdOn);
		Submission b = submit(this.pre, createdOn.plusSeconds(1));

		assertThat(List.of(a.state(), b.state())).containsOnly(Submission.State.QUEUED);
		Instant alarm = createdOn.toInstant(ZoneOffset.UTC);
		JobView job = job(a.jobId());
		assertThat(job.windowStart()).isEqualTo(alarm.minusSeconds(3));
		assertThat(job.windowEnd()).isEqualTo(alarm.plusSeconds(2));
		assertThat(this.preRoll.held).containsExactly(a.jobId(), b.jobId());
		assertThat(this.onDemand.held).isEmpty();
	}

	@Test
	void aCreatedOnInTheFutureIsAnchoredOnTheArrival() {
		JobView job = job(submit(this.pre, now().plusSeconds(30)).jobId());

		assertThat(job.windowStart()).isEqualTo(this.clock.instant().minusSeconds(3));
	}

	@Test
	void theCapacityCountsBothLanesAndAFullQueueStoresNoJob() {
		submit(camera("a", VideoConfig.DEFAULTS), now());
		submit(this.pre, now());
		submit(camera("b", VideoConfig.DEFAULTS), now());

		Submission full = submit(this.pre, now());

		assertThat(full.state()).isEqualTo(Submission.State.FULL);
		assertThat(full.jobId()).isZero();
		assertThat(this.preRoll.held).hasSize(1);
		assertThat(this.queue.depth()).isEqualTo(3);
	}

	@Test
	void anAlarmTooOldToShowAnythingIsStoredAsExpiredWithTheReason() {
		Submission late = submit(this.press, now().minusMinutes(10));

		assertThat(late.state()).isEqualTo(Submission.State.EXPIRED);
		JobView job = job(late.jobId());
		assertThat(job.state()).isEqualTo(JobState.EXPIRED);
		assertThat(job.reason()).startsWith("could not start within 5 min of the alarm at ");
		assertThat(this.queue.depth()).isZero();
	}

	@Test
	void stoppingLeavesWhatNeverStartedQueuedForTheNextStartReleasesItsFootageAndRefusesNewAlarms() {
		Submission capture = submit(this.press, now());
		Submission clip = submit(this.pre, now());

		this.queue.stop();

		assertThat(job(capture.jobId()).state()).isEqualTo(JobState.QUEUED);
		assertThat(job(clip.jobId()).state()).isEqualTo(JobState.QUEUED);
		assertThat(this.jobs.interruptedJobs()).hasSize(2);
		assertThat(this.preRoll.released).containsExactly(clip.jobId());
		assertThat(submit(this.press, now()).state()).isEqualTo(Submission.State.STOPPING);
	}

	@Test
	void aCaptureThatHasStartedIsExtendedByTheNextAlarmWhileItCanStillGrow() throws InterruptedException {
		Submission first = submit(this.press, now());
		RecordingJob running = this.lanes.take(ClipSource.Lane.CAPTURE);
		this.lanes.starting(running);
		this.clock.advance(Duration.ofSeconds(4));

		Submission second = submit(this.press, now());
		assertThat(second.state()).isEqualTo(Submission.State.JOINED);
		assertThat(running.length().target()).as("10 s, grown to cover until 4 s + 10 s")
			.isEqualTo(Duration.ofSeconds(14));

		this.clock.advance(Duration.ofSeconds(20));
		Submission third = submit(this.press, now());
		assertThat(third.state()).as("beyond 3 × 10 s from its start: a capture of its own")
			.isEqualTo(Submission.State.QUEUED);
		assertThat(job(third.jobId()).joinedJobId()).isNull();
		assertThat(first.jobId()).isEqualTo(running.jobId());
	}

	@Test
	void everyJobEndIsLoggedOnceWithItsAlarmCameraAndReason(CapturedOutput output) throws InterruptedException {
		Submission failing = submit(this.press, now());
		RecordingJob job = this.lanes.take(ClipSource.Lane.CAPTURE);
		this.lanes.starting(job);

		this.lanes.finished(job, JobState.FAILED, "cannot reach the camera (Connection refused)", null);

		assertThat(output.getOut()).containsOnlyOnce("WARN")
			.contains("Job " + failing.jobId() + " (alarm " + job.alarmId()
					+ ", camera 'press') failed: cannot reach the camera (Connection refused)");
		Submission done = submit(this.press, now());
		RecordingJob next = this.lanes.take(ClipSource.Lane.CAPTURE);
		this.lanes.starting(next);
		this.lanes.finished(next, JobState.DONE, null, null);
		assertThat(output.getOut())
			.containsPattern("INFO .*Job " + done.jobId() + " \\(alarm " + next.alarmId() + ", camera 'press'\\) done");
	}

	@Test
	void aClipThatStartsLongAfterItsAlarmSaysHowLate() throws InterruptedException {
		submit(this.press, now().minusSeconds(17));
		RecordingJob job = this.lanes.take(ClipSource.Lane.CAPTURE);
		Instant alarm = job.window().alarm();

		assertThat(RecordingWorkers.withLateStart(job, clip(alarm.plusMillis(17_300))))
			.isEqualTo("starts 17.3 s after the alarm");
		assertThat(RecordingWorkers.withLateStart(job, clip(alarm.plusMillis(1_200)))).as("a usual webhook delay")
			.isNull();
	}

	@Test
	void anAlarmThatJoinedALateCaptureDoesNotQuoteHowLateTheClipStartsAfterTheOtherAlarm() throws Exception {
		submit(this.press, now().minusSeconds(17));
		RecordingJob job = this.lanes.take(ClipSource.Lane.CAPTURE);
		Submission joined = submit(this.press, now());
		this.lanes.starting(job);
		Instant from = job.window().alarm().plusMillis(17_300);
		RecordingResult shorter = new RecordingResult(RecordingResult.Outcome.PARTIAL,
				RecordingResult.Cause.CAMERA_ENDED, "the camera stopped sending after 4.0 s",
				this.dir.resolve("clip.mp4"), new ClipProbe(4, 40, "h264", "yuv420p", 640, 360, 1000), 10, from,
				from.plusSeconds(4));

		this.lanes
			.finished(RecordingWorkers.outcome(job, shorter, this.clock.instant(), (state, reason, clip, second) -> {
			}));

		assertThat(job(job.jobId()).reason())
			.isEqualTo("the camera stopped sending after 4.0 s; starts 17.3 s after the alarm");
		assertThat(joined.state()).isEqualTo(Submission.State.JOINED);
		assertThat(job(joined.jobId()).reason())
			.isEqualTo("covered by job " + job.jobId() + ": the camera stopped sending after 4.0 s");
	}

	private static RecordingResult clip(Instant from) {
		return new RecordingResult(RecordingResult.Outcome.COMPLETE, RecordingResult.Cause.NONE, null,
				Path.of("clip.mp4"), null, 10, from, from.plusSeconds(10));
	}

	@Test
	void anAlarmThatJoinsACaptureAsItEndsGetsItsClipEvenWhenItsRowIsWrittenAfterTheEnd() throws Exception {
		Submission first = submit(this.press, now());
		RecordingJob capture = this.lanes.take(ClipSource.Lane.CAPTURE);
		this.lanes.starting(capture);
		long clip = this.db.clips.recordClip(new ClipRecord("press", "clip.mp4", 10, 100, "h264", 640, 360, 1000,
				this.clock.instant(), this.clock.instant().plusSeconds(10), this.clock.instant()));
		// A webhook thread decided to join (under the queue's lock) but has not written
		// its row yet (outside the lock) when the capture ends.
		RecordingJob joins = this.lanes.joinable(this.press, this.clock.instant().plusSeconds(5));
		assertThat(joins).isSameAs(capture);
		this.lanes.joining(joins);
		Thread end = new Thread(() -> this.lanes.finished(capture, JobState.DONE, null, clip), "capture-end");
		end.start();
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(end.getState()).isEqualTo(Thread.State.TIMED_WAITING));
		assertThat(job(first.jobId()).state()).as("the end waits for the join's row").isEqualTo(JobState.RUNNING);

		long alarm = this.alarms.recordAlarm(new NewAlarm(this.clock.instant(), now(), "c1", "d1", "Press",
				"alarm-high", "Door open", "key-late", "{}", "127.0.0.1", null));
		long joined = this.jobs.createJob(alarm, "press", JobState.JOINED, this.clock.instant(),
				this.clock.instant().plusSeconds(5), capture.jobId());
		this.lanes.joined(joins);
		end.join(5000);

		assertThat(end.isAlive()).isFalse();
		assertThat(job(first.jobId()).state()).isEqualTo(JobState.DONE);
		assertThat(job(joined).clipId()).as("the joined alarm has the capture's clip").isEqualTo(clip);
		assertThat(job(joined).finishedAt()).isNotNull();
	}

	private RecordingQueue queue(int capacity) {
		this.lanes = new Lanes(capacity, this.jobs, this.db.clips, this.clock);
		return new RecordingQueue(this.lanes, new ClipSources(List.of(this.preRoll, this.onDemand)), this.jobs,
				new AlarmTime(Duration.ofSeconds(10)), new RecordingMetrics(new SimpleMeterRegistry()), this.clock,
				new OwnedCameras(false, "test", "", Duration.ofSeconds(15)), this.db.claims());
	}

	private Submission submit(CameraConfig camera, LocalDateTime createdOn) {
		long alarmId = this.alarms.recordAlarm(new NewAlarm(this.clock.instant(), createdOn, "c1", "d1", "Press",
				"alarm-high", "Door open", "key-" + System.nanoTime(), "{}", "127.0.0.1", null));
		return this.queue.submit(alarmId, camera, createdOn, "clip.mp4");
	}

	private LocalDateTime now() {
		return LocalDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC);
	}

	/** The job as stored (alarm ids count up from 1 in a fresh index). */
	private JobView job(long id) {
		List<JobView> all = new ArrayList<>();
		for (long alarm = 1; alarm <= this.alarms.countAlarms(); alarm++) {
			all.addAll(this.jobs.jobsForAlarm(alarm));
		}
		return all.stream().filter((j) -> j.id() == id).findFirst().orElseThrow();
	}

	private static CameraConfig camera(String id, VideoConfig video) {
		return new CameraConfig(id, id, CameraSourceType.DEMO, null, CameraAuth.NONE, null, null, null, null,
				MatchRules.ALL, video);
	}

}
