package io.videostore.recording;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.videostore.clips.ClipRecord;
import io.videostore.clips.Clips;
import io.videostore.clips.JobState;
import io.videostore.clips.JobView;
import io.videostore.clips.Jobs;
import io.videostore.clips.NewAlarm;
import io.videostore.clips.TestIndex;
import io.videostore.config.CameraAuth;
import io.videostore.config.CameraConfig;
import io.videostore.config.CameraSourceType;
import io.videostore.config.MatchRules;
import io.videostore.config.VideoConfig;
import io.videostore.recording.source.ClipSource;
import io.videostore.recording.source.RecordingJob;
import io.videostore.testcam.MovableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.doCallRealMethod;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

/**
 * What happens to a recording that ends while the index does not answer (PostgreSQL
 * restarting, a network cut): its outcome is kept and written once the index answers, its
 * clip stored once; an outcome the index refuses for good closes the job as failed.
 */
@ExtendWith(OutputCaptureExtension.class)
class OutcomeWriterTests {

	@TempDir
	Path dir;

	private final MovableClock clock = MovableClock.frozen();

	private final CameraConfig press = new CameraConfig("press", "press", CameraSourceType.DEMO, null, CameraAuth.NONE,
			null, null, null, null, MatchRules.ALL, VideoConfig.DEFAULTS);

	private TestIndex db;

	private Jobs jobs;

	private Clips clips;

	private OutcomeWriter writer;

	private Lanes lanes;

	private long alarmId;

	private RecordingJob job;

	private final List<Long> announced = new ArrayList<>();

	@BeforeEach
	void startARecording() throws InterruptedException {
		this.db = TestIndex.open(this.dir, this.clock);
		this.jobs = spy(this.db.jobs);
		this.clips = spy(this.db.clips);
		this.writer = new OutcomeWriter(this.jobs, this.clips);
		this.lanes = new Lanes(5, this.jobs, this.writer, this.clock);
		RecordingQueue queue = new RecordingQueue(this.lanes,
				new ClipSources(List.of(new FakeSource(ClipSource.Lane.CAPTURE, (c) -> true))), this.jobs,
				new AlarmTime(Duration.ofSeconds(10)), new RecordingMetrics(new SimpleMeterRegistry()), this.clock,
				new OwnedCameras(false, "test", "", Duration.ofSeconds(15)), this.db.claims());
		queue.start();
		LocalDateTime createdOn = LocalDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC);
		this.alarmId = this.db.alarms.recordAlarm(new NewAlarm(this.clock.instant(), createdOn, "c1", "d1", "Press",
				"alarm-high", "Door open", "key-1", "{}", "127.0.0.1", null));
		queue.submit(this.alarmId, this.press, createdOn, "clip.mp4");
		this.job = this.lanes.take(ClipSource.Lane.CAPTURE);
	}

	@AfterEach
	void close() {
		this.writer.stop();
		this.db.close();
	}

	@Test
	void aClipMadeWhileTheIndexIsAwayEndsItsAlarmAsDoneOnceTheIndexAnswersAgainStoredOnce(CapturedOutput output) {
		this.lanes.starting(this.job);
		doThrow(new CannotGetJdbcConnectionException("connection refused")).doCallRealMethod()
			.when(this.jobs)
			.jobFinished(anyLong(), any(), any(), any(), any(), any());

		boolean now = this.lanes.finished(outcome());

		assertThat(now).isFalse();
		assertThat(stored().state()).as("not closed yet").isEqualTo(JobState.RUNNING);
		assertThat(this.writer.waiting()).isOne();
		assertThat(this.announced).as("nothing uploaded or notified before the index knows the clip").isEmpty();
		assertThat(this.lanes.has(this.job.jobId())).as("the camera is free for the next alarm").isFalse();
		assertThat(output).contains("the index does not answer (CannotGetJdbcConnectionException)",
				"kept and written as soon as it does");

		assertThat(this.writer.retry()).isZero();

		JobView done = stored();
		assertThat(done.state()).isEqualTo(JobState.DONE);
		assertThat(done.clipId()).isNotNull();
		assertThat(this.clips.clip(done.clipId()).orElseThrow().path()).endsWith("clip.mp4");
		verify(this.clips, times(1)).recordClip(any(), anyLong());
		assertThat(this.announced).containsExactly(done.clipId());
		assertThat(output).contains("is written now that the index answers again");
	}

	@Test
	void whileTheIndexStaysAwayTheOutcomeWaitsAndIsNeverDropped() {
		this.lanes.starting(this.job);
		doThrow(new CannotGetJdbcConnectionException("connection refused")).when(this.clips)
			.recordClip(any(), anyLong());

		this.lanes.finished(outcome());
		for (int i = 0; i < 3; i++) {
			assertThat(this.writer.retry()).isOne();
		}

		assertThat(stored().state()).isEqualTo(JobState.RUNNING);
		assertThat(this.announced).isEmpty();
		doCallRealMethod().when(this.clips).recordClip(any(), anyLong());
		assertThat(this.writer.retry()).isZero();
		assertThat(stored().state()).isEqualTo(JobState.DONE);
		assertThat(this.announced).hasSize(1);
	}

	@Test
	void aKeptOutcomeOfAJobAnotherInstanceTookOverMeanwhileKeepsItsClipAsASecondClipOfTheAlarm(CapturedOutput output) {
		Instant now = this.clock.instant();
		this.db.claims().claim("one", List.of("press"), now, now.plus(TestIndex.LEASE), 10, true);
		this.lanes.starting(this.job);
		doThrow(new CannotGetJdbcConnectionException("connection refused")).doCallRealMethod()
			.when(this.clips)
			.recordClip(any(), anyLong());
		this.lanes.finished(outcome());
		// Cut off for longer than its claim: another instance takes the job over.
		this.db.timePasses(TestIndex.LEASE.plusSeconds(1));
		assertThat(this.db.claimsOfAnotherInstance()
			.takeAbandoned(this.job.jobId(), "two", now, now.plus(TestIndex.LEASE))).isTrue();

		assertThat(this.writer.retry()).isZero();

		assertThat(stored().state()).as("left to the instance that took it over").isEqualTo(JobState.RUNNING);
		assertThat(this.clips.secondClips(this.alarmId)).as("the clip made here is kept, never dropped").hasSize(1);
		assertThat(output).contains("another instance took it over", "kept as a second clip");
	}

	@Test
	void anOutcomeTheIndexRefusesClosesTheJobAsFailedSayingWhyInWords(CapturedOutput output) {
		doThrow(new IllegalArgumentException("No job with id")).doCallRealMethod()
			.when(this.jobs)
			.jobFinished(anyLong(), any(), any(), any(), any(), any());

		this.lanes.finished(outcome());

		assertThat(this.writer.waiting()).isZero();
		assertThat(stored().state()).isEqualTo(JobState.FAILED);
		assertThat(stored().reason()).contains("could not be stored: the index has no job with id");
		assertThat(output).contains("the index refused its outcome");
	}

	@Test
	void anIndexThatFailsRightAfterTheOutcomeIsWrittenNeverTurnsTheDoneJobIntoAFailure(CapturedOutput output) {
		this.lanes.starting(this.job);
		JobOutcome outcome = new JobOutcome(this.job, JobState.DONE, null, clip(), this.clock.instant(),
				(clipId, second) -> {
					throw new CannotGetJdbcConnectionException("connection refused");
				});

		assertThat(this.lanes.finished(outcome)).isTrue();
		OutcomeWriter.announce(outcome);

		assertThat(stored().state()).isEqualTo(JobState.DONE);
		assertThat(stored().clipId()).isNotNull();
		assertThat(output).contains("its upload or notifications could not be queued");
	}

	@Test
	void aRecordingStartsEvenWhenTheIndexCannotSaySo(CapturedOutput output) {
		doThrow(new CannotGetJdbcConnectionException("connection refused")).when(this.jobs)
			.jobStarted(anyLong(), any());

		assertThatNoException().isThrownBy(() -> this.lanes.starting(this.job));

		assertThat(output).contains("starts although the index does not answer");
	}

	private JobOutcome outcome() {
		return new JobOutcome(this.job, JobState.DONE, null, clip(), this.clock.instant(),
				(id, second) -> this.announced.add(id));
	}

	private ClipRecord clip() {
		return new ClipRecord("press", this.dir.resolve("clip.mp4").toString(), 10.0, 100, "h264", 640, 360, 12_345,
				this.clock.instant(), this.clock.instant().plusSeconds(10), this.clock.instant());
	}

	private JobView stored() {
		return this.jobs.jobsForAlarm(this.alarmId).get(0);
	}

}
