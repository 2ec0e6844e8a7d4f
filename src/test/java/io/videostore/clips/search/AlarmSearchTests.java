package io.videostore.clips.search;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import io.videostore.clips.AlarmOutcome;
import io.videostore.clips.Alarms;
import io.videostore.clips.ClipRecord;
import io.videostore.clips.Clips;
import io.videostore.clips.JobState;
import io.videostore.clips.Jobs;
import io.videostore.clips.NewAlarm;
import io.videostore.clips.TestDatabase;
import io.videostore.clips.TestIndex;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the API's alarm search and statistics find on a real index (SQLite; PostgreSQL in
 * a subclass): every filter, the outcome vocabulary (a joined alarm counting as the
 * recording it joined), order and pages, and clips named by their file only.
 */
class AlarmSearchTests {

	private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

	/** The database these tests run on; a subclass runs them on another. */
	TestDatabase database() {
		return TestDatabase.SQLITE;
	}

	@TempDir
	Path folder;

	private TestIndex db;

	private Alarms alarms;

	private Jobs jobs;

	private Clips clips;

	private AlarmSearch search;

	private AlarmStats stats;

	private long done;

	private long joined;

	private long failed;

	private long duplicate;

	private long rejected;

	private long pending;

	@BeforeEach
	void seed() {
		this.db = TestIndex.open(database(), this.folder, Clock.fixed(NOW, ZoneOffset.UTC));
		this.alarms = this.db.alarms;
		this.jobs = this.db.jobs;
		this.clips = this.db.clips;
		this.search = new AlarmSearch(this.db.jdbc);
		this.stats = new AlarmStats(this.db.jdbc);
		this.done = alarm("2026-11-26T08:00:00", "d1", "Press 7", "alarm-high", "Door open 100% of Press 7",
				"accepted");
		long doneJob = job(this.done, "gate", JobState.RUNNING);
		this.joined = alarm("2026-11-26T08:00:05", "d1", "Press 7", "alarm-high", "Door open of Press 7", "accepted");
		this.jobs.createJob(this.joined, "gate", JobState.JOINED, NOW, NOW, doneJob);
		long clip = this.clips.recordClip(new ClipRecord("gate", "/srv/videos/2026-11-26T08-00-00_Press_7.mp4", 10.0,
				100, "h264", 640, 360, 12345, NOW, NOW.plusSeconds(10), NOW));
		this.jobs.jobFinished(doneJob, JobState.DONE, null, clip, NOW);
		this.failed = alarm("2026-11-26T09:00:00", "d2", "Oven_1", "alarm-low", "Temperature HIGH", "accepted");
		this.jobs.jobFinished(job(this.failed, "yard", JobState.QUEUED), JobState.FAILED, "camera unreachable", null,
				NOW);
		this.duplicate = alarm("2026-11-26T09:00:01", "d2", "Oven_1", "alarm-low", "Temperature HIGH",
				"duplicate of alarm " + this.failed);
		this.rejected = alarm("2026-11-26T10:00:00", "d3", "Mixer", "alarm-high", "Jam", "rejected: queue full");
		this.pending = alarm("2026-11-26T11:00:00", "d3", "Mixer", "record-now", "Recording requested", "accepted");
		job(this.pending, "gate", JobState.QUEUED);
	}

	@AfterEach
	void close() {
		// Null when no PostgreSQL could start and the test was skipped.
		if (this.db != null) {
			this.db.close();
		}
	}

	@Test
	void everyAlarmNewestFirstWithItsSummaryAndClips() {
		AlarmSearch.Page page = this.search.search(AlarmFilter.ALL, AlarmOrder.NEWEST, 0, 50);

		assertThat(page.total()).isEqualTo(6);
		assertThat(page.items()).extracting(AlarmSummary::id)
			.containsExactly(this.pending, this.rejected, this.duplicate, this.failed, this.joined, this.done);
		assertThat(page.items()).extracting(AlarmSummary::status)
			.containsExactly(AlarmStatus.PENDING, AlarmStatus.REJECTED, AlarmStatus.DUPLICATE, AlarmStatus.FAILED,
					AlarmStatus.DONE, AlarmStatus.DONE);
		AlarmSummary joinedAlarm = page.items().get(4);
		assertThat(joinedAlarm.recordings().get(0).state()).isEqualTo(JobState.JOINED);
		assertThat(joinedAlarm.recordings().get(0).effectiveState()).isEqualTo(JobState.DONE);
		assertThat(joinedAlarm.clips()).singleElement()
			.satisfies((c) -> assertThat(c.fileName()).isEqualTo("2026-11-26T08-00-00_Press_7.mp4"));
		assertThat(page.items().get(3).recordings().get(0).reason()).isEqualTo("camera unreachable");
	}

	@Test
	void eachOutcomeFindsItsAlarms() {
		assertThat(ids(outcome(AlarmStatus.DONE))).containsExactly(this.joined, this.done);
		assertThat(ids(outcome(AlarmStatus.FAILED))).containsExactly(this.failed);
		assertThat(ids(outcome(AlarmStatus.PENDING))).containsExactly(this.pending);
		assertThat(ids(outcome(AlarmStatus.REJECTED))).containsExactly(this.rejected);
		assertThat(ids(outcome(AlarmStatus.DUPLICATE))).containsExactly(this.duplicate);
		assertThat(ids(outcome(AlarmStatus.JOINED))).containsExactly(this.joined);
		assertThat(ids(outcome(AlarmStatus.PARTIAL))).isEmpty();
		assertThat(ids(
				new AlarmFilter(null, null, null, null, null, null, Set.of(AlarmStatus.FAILED, AlarmStatus.DUPLICATE))))
			.containsExactly(this.duplicate, this.failed);
	}

	@Test
	void timeDeviceCameraTextAndLabelFilter() {
		assertThat(ids(new AlarmFilter(Instant.parse("2026-11-26T09:00:00Z"), Instant.parse("2026-11-26T10:00:00Z"),
				null, null, null, null, null)))
			.as("from inclusive, to exclusive")
			.containsExactly(this.duplicate, this.failed);
		assertThat(ids(filter("d2", null, null, null))).containsExactly(this.duplicate, this.failed);
		assertThat(ids(filter("Mixer", null, null, null))).containsExactly(this.pending, this.rejected);
		assertThat(ids(filter(null, "gate", null, null))).containsExactly(this.pending, this.joined, this.done);
		assertThat(ids(filter(null, null, "temperature high", null))).containsExactly(this.duplicate, this.failed);
		assertThat(ids(filter(null, null, "record-now", null))).isEmpty();
		assertThat(ids(filter(null, null, null, "record-now"))).containsExactly(this.pending);
	}

	@Test
	void likeWildcardsInTheTextAreMatchedLiterally() {
		assertThat(ids(filter(null, null, "100%", null))).containsExactly(this.done);
		assertThat(ids(filter(null, null, "%", null))).containsExactly(this.done);
		assertThat(ids(filter(null, null, "n_1", null))).isEmpty();
		assertThat(ids(filter(null, null, "' OR 1=1 --", null))).isEmpty();
	}

	@Test
	void pagesAndOrder() {
		AlarmOrder byDevice = new AlarmOrder(AlarmOrder.Field.DEVICE, false);

		AlarmSearch.Page second = this.search.search(AlarmFilter.ALL, byDevice, 2, 2);
		AlarmSearch.Page beyond = this.search.search(AlarmFilter.ALL, byDevice, 60, 2);

		assertThat(second.total()).isEqualTo(6);
		assertThat(second.items()).extracting(AlarmSummary::deviceName).containsExactly("Oven_1", "Oven_1");
		assertThat(beyond.items()).isEmpty();
		assertThat(beyond.total()).isEqualTo(6);
		assertThat(
				this.search.search(AlarmFilter.ALL, new AlarmOrder(AlarmOrder.Field.CREATED_ON, false), 0, 1).items())
			.extracting(AlarmSummary::id)
			.containsExactly(this.done);
	}

	@Test
	void exportsEveryMatchInChunks() {
		List<List<Long>> chunks = new java.util.ArrayList<>();

		this.search.forEach(AlarmFilter.ALL, AlarmOrder.NEWEST, 4,
				(chunk) -> chunks.add(chunk.stream().map(AlarmSummary::id).toList()));

		assertThat(chunks).hasSize(2);
		assertThat(chunks.get(0)).hasSize(4);
		assertThat(chunks.get(1)).containsExactly(this.joined, this.done);
	}

	@Test
	void aClipIsFoundWithItsFirstAlarm() {
		long clipId = this.search.alarm(this.joined).orElseThrow().clips().get(0).id();

		AlarmSearch.ClipOfAlarm clip = this.search.clip(clipId).orElseThrow();

		assertThat(clip.alarmId()).isEqualTo(this.done);
		assertThat(clip.alarmAt()).isEqualTo(Instant.parse("2026-11-26T08:00:00Z"));
		assertThat(clip.clip().sizeBytes()).isEqualTo(12345);
		assertThat(this.search.clip(clipId + 1)).isEmpty();
	}

	@Test
	void statsCountPerHourDeviceAndText() {
		List<AlarmStats.Count> hours = this.stats.counts(AlarmFilter.ALL, true, 60);
		List<AlarmStats.TextCount> texts = this.stats.texts(AlarmFilter.ALL, 10);

		assertThat(hours).contains(new AlarmStats.Count(Instant.parse("2026-11-26T08:00:00Z"), "Press 7", 2),
				new AlarmStats.Count(Instant.parse("2026-11-26T09:00:00Z"), "Oven_1", 2));
		assertThat(this.stats.counts(AlarmFilter.ALL, false, 15))
			.contains(new AlarmStats.Count(Instant.parse("2026-11-26T11:00:00Z"), "", 1));
		assertThat(this.stats.counts(AlarmFilter.ALL, false, 30)).contains(
				new AlarmStats.Count(Instant.parse("2026-11-26T09:00:00Z"), "", 2),
				new AlarmStats.Count(Instant.parse("2026-11-26T08:00:00Z"), "", 2));
		assertThat(texts.get(0).count()).isEqualTo(2);
		assertThat(this.stats.cameraJobs("gate").queued()).isEqualTo(1);
		assertThat(this.stats.cameraJobs("yard").lastFailure()).isEqualTo("camera unreachable");
	}

	private List<Long> ids(AlarmFilter filter) {
		return this.search.search(filter, AlarmOrder.NEWEST, 0, 50).items().stream().map(AlarmSummary::id).toList();
	}

	private static AlarmFilter outcome(AlarmStatus status) {
		return new AlarmFilter(null, null, null, null, null, null, Set.of(status));
	}

	private static AlarmFilter filter(String device, String camera, String text, String label) {
		return new AlarmFilter(null, null, device, camera, text, label, null);
	}

	private long alarm(String createdOn, String deviceId, String deviceName, String label, String text,
			String outcome) {
		return this.alarms
			.recordAlarm(new NewAlarm(NOW, LocalDateTime.parse(createdOn), "c1", deviceId, deviceName, label, text,
					deviceId + "|" + text.replaceAll("[0-9]", ""), "{}", "127.0.0.1", AlarmOutcome.of(outcome)));
	}

	private long job(long alarmId, String camera, JobState state) {
		return this.jobs.createJob(alarmId, camera, state, NOW, NOW.plusSeconds(10), null);
	}

}
