package io.videostore.recording;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

import io.videostore.clips.AlarmContext;
import io.videostore.clips.AlarmContexts;
import io.videostore.clips.NewAlarm;
import io.videostore.clips.TestIndex;
import io.videostore.config.CameraAuth;
import io.videostore.config.CameraConfig;
import io.videostore.config.CameraSourceType;
import io.videostore.config.MatchRules;
import io.videostore.config.VideoConfig;
import io.videostore.recording.source.AlarmWindow;
import io.videostore.recording.source.CaptureLength;
import io.videostore.recording.source.ClipSource;
import io.videostore.recording.source.RecordingJob;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A pre-roll clip moves onto the alarm's exact time when IXON's occurrence gives it in
 * time; otherwise it keeps Cloud Notify's createdOn.
 */
class ExactAnchorTests {

	@TempDir
	Path dir;

	private final Clock clock = Clock.systemUTC();

	private TestIndex db;

	private AlarmContexts contexts;

	private ExactAnchor exact;

	private final FakeSource preRoll = new FakeSource(ClipSource.Lane.CLIP, (camera) -> true);

	private final CameraConfig camera = new CameraConfig("pre", "pre", CameraSourceType.DEMO, null, CameraAuth.NONE,
			null, null, null, null, MatchRules.ALL, new VideoConfig(false, Duration.ofSeconds(5), 0, true, "auto",
					Path.of("videos"), Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofSeconds(10)));

	private long alarm;

	private Instant createdOn;

	@BeforeEach
	void open() {
		this.db = TestIndex.open(this.dir, this.clock);
		this.contexts = this.db.contexts();
		this.exact = new ExactAnchor(this.contexts, this.clock);
		this.createdOn = Instant.now().plusSeconds(1).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
		this.alarm = this.db.alarms
			.recordAlarm(new NewAlarm(Instant.now(), LocalDateTime.ofInstant(this.createdOn, ZoneOffset.UTC), "c", "d",
					"Press", "alarm", "Door open", "k", "{}", "127.0.0.1", null));
	}

	@AfterEach
	void close() {
		this.db.close();
	}

	@Test
	void theClipMovesOntoTheOccurrenceIxonLogged() throws InterruptedException {
		this.contexts.create(this.alarm, this.createdOn, this.createdOn);
		Instant occurred = this.createdOn.minusMillis(4200);
		this.contexts.anchored(this.alarm, AlarmContext.OCCURRENCE, occurred, "occurrence");

		RecordingJob moved = this.exact.apply(job());

		assertThat(moved.window().alarm()).isEqualTo(occurred);
		assertThat(moved.window().from()).isEqualTo(occurred.minusSeconds(3));
		assertThat(moved.jobId()).isEqualTo(job().jobId());
	}

	@Test
	void theClipWaitsForTheLookUpThatIsUnderWayAndTakesItsAnswer() throws InterruptedException {
		this.contexts.create(this.alarm, this.createdOn, this.createdOn);
		Instant occurred = this.createdOn.minusSeconds(2);
		Thread ixon = new Thread(() -> {
			sleep(600);
			this.contexts.anchored(this.alarm, AlarmContext.OCCURRENCE, occurred, "occurrence");
		});
		ixon.start();

		RecordingJob moved = this.exact.apply(job());

		assertThat(moved.window().alarm()).isEqualTo(occurred);
		ixon.join();
	}

	@Test
	void withoutAnOccurrenceOrWithoutContextTheClipKeepsCreatedOn() throws InterruptedException {
		assertThat(this.exact.apply(job()).window().alarm()).as("no context").isEqualTo(this.createdOn);

		this.contexts.create(this.alarm, this.createdOn, this.createdOn);
		this.contexts.anchored(this.alarm, AlarmContext.CREATED_ON, null, "no occurrence");
		assertThat(this.exact.apply(job()).window().alarm()).isEqualTo(this.createdOn);

		this.contexts.anchored(this.alarm, AlarmContext.OCCURRENCE, this.createdOn.minusMillis(200), "close");
		assertThat(this.exact.apply(job()).window().alarm()).as("not worth moving").isEqualTo(this.createdOn);
	}

	@Test
	void aLookUpStillUnderWayWhenTheWindowHasEndedIsNotWaitedFor() throws InterruptedException {
		this.contexts.create(this.alarm, this.createdOn, this.createdOn);
		RecordingJob past = new RecordingJob(1, this.alarm, this.camera,
				AlarmWindow.around(Instant.now().minusSeconds(30), Duration.ofSeconds(3), Duration.ofSeconds(2)),
				"clip.mp4", Instant.now(), CaptureLength.of(Duration.ofSeconds(5)), this.preRoll);

		long started = System.nanoTime();
		assertThat(this.exact.apply(past)).isSameAs(past);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
	}

	private RecordingJob job() {
		return new RecordingJob(1, this.alarm, this.camera,
				AlarmWindow.around(this.createdOn, Duration.ofSeconds(3), Duration.ofSeconds(2)), "clip.mp4",
				Instant.now(), CaptureLength.of(Duration.ofSeconds(5)), this.preRoll);
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
