package io.videostore.clips;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

/**
 * What the index stores and finds, on a real SQLite file (and on PostgreSQL in a
 * subclass).
 */
class IndexTablesTests extends OnTestIndex {

	private static final Instant NOW = Instant.parse("2025-03-04T10:15:32.123Z");

	@Override
	Instant now() {
		return NOW;
	}

	@Test
	void recordedAlarmReadsBackWithUtcTimestamps() {
		Instant received = Instant.parse("2025-03-04T10:15:31.987654Z");
		long id = this.alarms.recordAlarm(TestIndex.alarm(received, "key", "accepted"));

		AlarmView alarm = this.alarms.alarm(id).orElseThrow();

		assertThat(alarm.receivedAt()).isEqualTo(Instant.parse("2025-03-04T10:15:31.987Z"));
		assertThat(alarm.createdOn()).isEqualTo(LocalDateTime.of(2025, 3, 4, 10, 15, 30));
		assertThat(alarm)
			.extracting(AlarmView::companyId, AlarmView::deviceId, AlarmView::deviceName, AlarmView::systemLabel,
					AlarmView::shortContent, AlarmView::dedupeKey, AlarmView::remoteAddr, AlarmView::outcome)
			.containsExactly("1234-5678", "0123-4567-89ab", "Press 7", "Line 2", "Emergency stop", "key", "127.0.0.1",
					"accepted");
		assertThat(alarm.payload()).isEqualTo("{\"shortContent\":\"Emergency stop\"}");
		assertThat(alarm.outcomeAt()).isEqualTo(alarm.receivedAt());
		assertThat(this.db.jdbc.sql("SELECT received_at || ' ' || created_on FROM alarm").query(String.class).single())
			.isEqualTo("2025-03-04T10:15:31.987Z 2025-03-04T10:15:30.000Z");
	}

	@Test
	void settingTheOutcomeRecordsWhen() {
		long id = this.alarms.recordAlarm(TestIndex.alarm(NOW.minusSeconds(5), "key", null));
		assertThat(this.alarms.alarm(id).orElseThrow().outcomeAt()).isNull();

		this.alarms.setAlarmOutcome(id, AlarmOutcome.queueFull());

		assertThat(this.alarms.alarm(id).orElseThrow()).extracting(AlarmView::outcome, AlarmView::outcomeAt)
			.containsExactly("rejected: queue full", NOW);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.alarms.setAlarmOutcome(id + 1, AlarmOutcome.accepted()))
			.withMessageContaining("alarm with id " + (id + 1));
	}

	@Test
	void aRepeatIsLinkedOnlyWhenItsMomentIsOnAClipMadeOrBeingMade() {
		Instant t = Instant.parse("2025-03-04T10:00:00Z");
		LocalDateTime created = LocalDateTime.ofInstant(t, ZoneOffset.UTC);
		// Alarm A at 10:00:00, delivered 2 s late: its on-demand clip covers 10:00:02.3
		// to
		// 10:00:05.3.
		long a = this.alarms.recordAlarm(TestIndex.alarm(t.plusSeconds(2), created, "stop", "accepted"));
		long jobA = this.jobs.createJob(a, "default", JobState.QUEUED, t.plusSeconds(2), t.plusSeconds(5), null);
		long clip = this.clips.recordClip(new ClipRecord("default", "videos/a.mp4", 3.0, 30, "h264", 640, 360, 1000,
				t.plusMillis(2300), t.plusMillis(5300), NOW));
		this.jobs.jobFinished(jobA, JobState.DONE, null, clip, NOW);
		// An alarm that failed covers nothing.
		long failed = this.alarms.recordAlarm(TestIndex.alarm(t.plusSeconds(1), created, "stop", "accepted"));
		long jobF = this.jobs.createJob(failed, "other", JobState.QUEUED, t, t.plusSeconds(30), null);
		this.jobs.jobFinished(jobF, JobState.FAILED, "camera unreachable", null, NOW);
		Instant since = t.minusSeconds(30);

		assertThat(this.alarms.findCoveringAlarm("stop", t, since)).as("IXON re-sends alarm A").contains(a);
		assertThat(this.alarms.findCoveringAlarm("stop", t.plusSeconds(4), since)).as("flapping during the clip")
			.contains(a);
		assertThat(this.alarms.findCoveringAlarm("stop", t.plusSeconds(10), since)).as("10 s after the clip ended")
			.isEmpty();
		assertThat(this.alarms.findCoveringAlarm("stop", t, t.plusSeconds(3))).as("outside the dedupe window")
			.isEmpty();
		assertThat(this.alarms.findCoveringAlarm("other key", t, since)).isEmpty();
	}

	@Test
	void aRepeatDuringARecordingStillWaitingOrRunningIsLinkedToIt() {
		Instant t = Instant.parse("2025-03-04T10:00:00Z");
		LocalDateTime created = LocalDateTime.ofInstant(t, ZoneOffset.UTC);
		long a = this.alarms.recordAlarm(TestIndex.alarm(t, created, "stop", "accepted"));
		long job = this.jobs.createJob(a, "default", JobState.QUEUED, t.minusSeconds(10), t.plusSeconds(5), null);
		long rejected = this.alarms
			.recordAlarm(TestIndex.alarm(t.plusSeconds(1), created, "stop", "rejected: queue full"));
		this.jobs.createJob(rejected, "default", JobState.REJECTED, t, t.plusSeconds(5), null);

		assertThat(this.alarms.findCoveringAlarm("stop", t.minusSeconds(8), t.minusSeconds(30))).as("queued")
			.contains(a);
		this.jobs.jobStarted(job, t.plusSeconds(1));
		assertThat(this.alarms.findCoveringAlarm("stop", t.plusSeconds(5), t.minusSeconds(30))).as("running")
			.contains(a);
		assertThat(this.alarms.findCoveringAlarm("stop", t.plusSeconds(6), t.minusSeconds(30))).isEmpty();
	}

	@Test
	void joinedJobsGetTheClipWhenThePrimaryJobFinishes() {
		Instant start = NOW.minusSeconds(10);
		long first = this.alarms.recordAlarm(TestIndex.alarm(start, "a", "accepted"));
		long second = this.alarms.recordAlarm(TestIndex.alarm(start.plusSeconds(2), "b", "accepted"));
		long primary = this.jobs.createJob(first, "default", JobState.QUEUED, start, start.plusSeconds(10), null);
		this.jobs.jobStarted(primary, start.plusMillis(100));
		long joined = this.jobs.createJob(second, "default", JobState.JOINED, start.plusSeconds(2),
				start.plusSeconds(12), primary);
		long clip = this.clips.recordClip(new ClipRecord("default", "videos/default-2025.mp4", 12.04, 301, "h264", 1280,
				720, 1_234_567, start, start.plusSeconds(12), NOW));

		this.jobs.jobFinished(primary, JobState.DONE, null, clip, NOW);

		assertThat(this.jobs.jobsForAlarm(first)).singleElement().satisfies((job) -> {
			assertThat(job).extracting(JobView::id, JobView::state, JobView::clipId, JobView::finishedAt)
				.containsExactly(primary, JobState.DONE, clip, NOW);
			assertThat(job.startedAt()).isEqualTo(start.plusMillis(100));
			assertThat(job.windowEnd()).isEqualTo(start.plusSeconds(10));
		});
		assertThat(this.jobs.jobsForAlarm(second)).singleElement()
			.extracting(JobView::id, JobView::state, JobView::joinedJobId, JobView::clipId, JobView::finishedAt)
			.containsExactly(joined, JobState.JOINED, primary, clip, NOW);
		assertThat(this.clips.clip(clip).orElseThrow())
			.extracting(ClipView::path, ClipView::durationSeconds, ClipView::frames, ClipView::codec, ClipView::width,
					ClipView::height, ClipView::sizeBytes)
			.containsExactly("videos/default-2025.mp4", 12.04, 301L, "h264", 1280, 720, 1_234_567L);
	}

	@Test
	void jobCreatedInAFinalStateIsFinishedAtOnce() {
		long alarm = this.alarms.recordAlarm(TestIndex.alarm(NOW, "a", "rejected: queue full"));

		long job = this.jobs.createJob(alarm, "default", JobState.REJECTED, NOW, NOW.plusSeconds(10), null);

		assertThat(this.jobs.jobsForAlarm(alarm)).singleElement()
			.extracting(JobView::id, JobView::state, JobView::createdAt, JobView::finishedAt)
			.containsExactly(job, JobState.REJECTED, NOW, NOW);
	}

	@Test
	void unknownStatesAndMissingReferencesAreRefused() {
		long alarm = this.alarms.recordAlarm(TestIndex.alarm(NOW, "a", "accepted"));
		long job = this.jobs.createJob(alarm, "default", JobState.QUEUED, NOW, NOW.plusSeconds(10), null);

		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.jobs.jobFinished(job, JobState.RUNNING, null, null, NOW));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.jobs.jobFinished(job + 1, JobState.DONE, null, null, NOW));
		assertThatExceptionOfType(DataIntegrityViolationException.class)
			.isThrownBy(() -> this.jobs.createJob(alarm + 1, "default", JobState.QUEUED, NOW, NOW, null));
		assertThatExceptionOfType(DataIntegrityViolationException.class)
			.isThrownBy(() -> this.jobs.jobFinished(job, JobState.DONE, null, 99L, NOW));
	}

	@Test
	void openJobsAreFoundAndARunningOneCanBeQueuedAgain() {
		long alarm = this.alarms.recordAlarm(TestIndex.alarm(NOW, "a", "accepted"));
		long queued = this.jobs.createJob(alarm, "cam1", JobState.QUEUED, NOW, NOW.plusSeconds(10), null);
		long running = this.jobs.createJob(alarm, "cam2", JobState.QUEUED, NOW, NOW.plusSeconds(10), null);
		this.jobs.jobStarted(running, NOW);
		this.jobs.createJob(alarm, "cam2", JobState.JOINED, NOW, NOW.plusSeconds(10), running);
		long done = this.jobs.createJob(alarm, "cam3", JobState.QUEUED, NOW, NOW.plusSeconds(10), null);
		this.jobs.jobFinished(done, JobState.PARTIAL, "camera stalled", null, NOW);
		assertThat(this.jobs.interruptedJobs()).extracting(JobView::id).containsExactly(queued, running);

		this.jobs.requeue(running);

		assertThat(this.jobs.interruptedJobs()).extracting(JobView::state, JobView::startedAt)
			.containsExactly(tuple(JobState.QUEUED, null), tuple(JobState.QUEUED, null));
		assertThatIllegalArgumentException().isThrownBy(() -> this.jobs.requeue(done));
	}

	@Test
	void countsAlarmsByOutcomeAndJobsByState() {
		this.alarms.recordAlarm(TestIndex.alarm(NOW, "a", "accepted"));
		long second = this.alarms.recordAlarm(TestIndex.alarm(NOW, "a", "accepted"));
		this.alarms.recordAlarm(TestIndex.alarm(NOW, "b", "rejected: queue full"));
		this.alarms.recordAlarm(TestIndex.alarm(NOW, "c", null));
		this.jobs.createJob(second, "default", JobState.QUEUED, NOW, NOW, null);

		assertThat(this.alarms.countAlarms()).isEqualTo(4);
		assertThat(this.alarms.countAlarmsByOutcome()).containsExactly(entry("accepted", 2L), entry("pending", 1L),
				entry("rejected: queue full", 1L));
		assertThat(this.jobs.countJobs(JobState.QUEUED)).isOne();
		assertThat(this.jobs.countJobs(JobState.DONE)).isZero();
	}

	@Test
	void trimmingKeepsEveryAlarmRowButOnlyTheNewestOrYoungPayloadsWhole() {
		long[] ids = new long[5];
		for (int i = 0; i < 5; i++) {
			ids[i] = this.alarms.recordAlarm(TestIndex.alarm(NOW.plusSeconds(60L * i), "k" + i, "accepted"));
		}
		String note = "{\"payloadTrimmed\":\"test\"}";

		// The newest two stay whole; so does any alarm received after the cut-off.
		int first = this.alarms.trimPayloads(NOW.plusSeconds(30), 2, note);
		int again = this.alarms.trimPayloads(NOW.plusSeconds(30), 2, note);

		assertThat(first).isEqualTo(3);
		assertThat(again).as("trimmed payloads are not rewritten").isZero();
		assertThat(this.alarms.countAlarms()).isEqualTo(5);
		assertThat(this.alarms.alarm(ids[0]).orElseThrow().payload()).isEqualTo(note);
		assertThat(this.alarms.alarm(ids[2]).orElseThrow().payload()).isEqualTo(note);
		assertThat(this.alarms.alarm(ids[3]).orElseThrow().payload()).isNotEqualTo(note);
		assertThat(this.alarms.alarm(ids[2]).orElseThrow().dedupeKey()).isEqualTo("k2");
		assertThat(this.alarms.trimPayloads(NOW.plusSeconds(200), 10, note)).as("older than the age limit")
			.isEqualTo(1);
	}

}
