package io.videostore.context;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.videostore.clips.AlarmContext;
import io.videostore.clips.AlarmContexts;
import io.videostore.clips.AlarmView;
import io.videostore.clips.JobState;
import io.videostore.clips.NewAlarm;
import io.videostore.clips.TestIndex;
import io.videostore.config.AppConfig;
import io.videostore.config.CameraAuth;
import io.videostore.config.CameraConfig;
import io.videostore.config.CameraSourceType;
import io.videostore.config.ContextConfig;
import io.videostore.config.IxonApiConfig;
import io.videostore.config.MatchRules;
import io.videostore.config.VideoConfig;
import io.videostore.config.WebhooksConfig;
import io.videostore.ixon.data.DataPoint;
import io.videostore.testcam.MovableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An alarm's context step by step, with IXON played by a scripted {@link LoggedData}: the
 * anchor first, then the signals of the right window once it has passed, and what is
 * stored when they are missing, partial or late.
 */
class ContextWorkTests {

	/** Alarm at 10:15:30.000 UTC; IXON logged it at 10:15:26.400. */
	private static final LocalDateTime CREATED_ON = LocalDateTime.of(2026, 11, 27, 10, 15, 30);

	private static final Instant OCCURRED_ON = Instant.parse("2026-11-27T10:15:26.400Z");

	@TempDir
	Path dir;

	private final MovableClock clock = MovableClock.frozen();

	private TestIndex db;

	private AlarmContexts contexts;

	private final Scripted ixon = new Scripted();

	/** pre_roll 10 s, post_roll 5 s. */
	private final CameraConfig press = new CameraConfig("press", "press", CameraSourceType.URL, "http://cam/mjpg",
			CameraAuth.NONE, null, null, null, null, MatchRules.ALL,
			new VideoConfig(false, Duration.ofSeconds(10), 0, true, "auto", Path.of("videos"), Duration.ofSeconds(10),
					Duration.ofSeconds(5), Duration.ofSeconds(10)),
			"", List.of("pressure"));

	private ContextWork work;

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final ContextStatus status = new ContextStatus(this.registry);

	private long alarm;

	@BeforeEach
	void open() {
		this.db = TestIndex.open(this.dir, this.clock);
		this.contexts = this.db.contexts();
		AppConfig config = new AppConfig(new IxonApiConfig("", "", "", "", "", IxonApiConfig.DEFAULT_BASE_URL),
				List.of(this.press), VideoConfig.DEFAULTS, WebhooksConfig.DEFAULTS, null, false)
			.withContext(new ContextConfig(true, Duration.ofSeconds(60), Duration.ofSeconds(5), 12));
		this.work = new ContextWork(config, this.db.alarms, this.db.jobs, this.contexts, this.ixon,
				new DemoLoggedData(), this.clock, this.status);
		this.alarm = this.db.alarms.recordAlarm(new NewAlarm(this.clock.instant(), CREATED_ON, "1234-5678", "agent-1",
				"Press 7", "alarm-high", "Pressure low of Press 7 was triggered", "k", "{}", "127.0.0.1", null));
		Instant created = CREATED_ON.toInstant(ZoneOffset.UTC);
		this.db.jobs.createJob(this.alarm, "press", JobState.QUEUED, created.minusSeconds(10), created.plusSeconds(5),
				null);
		this.contexts.create(this.alarm, created, this.clock.instant());
	}

	@AfterEach
	void close() {
		this.db.close();
	}

	@Test
	void theOccurrenceBecomesTheAnchorAndTheSignalsAreFetchedOnceItsWindowAndTheGracePassed() {
		this.ixon.anchor = new Anchor(OCCURRED_ON, "IXON's occurrence of 'Pressure low'");

		this.work.run(context());

		AlarmContext c = context();
		assertThat(c.anchorSource()).isEqualTo(AlarmContext.OCCURRENCE);
		assertThat(c.anchor()).isEqualTo(OCCURRED_ON);
		assertThat(c.state()).isEqualTo("pending");
		// The clip's window [createdOn - 10 s, createdOn + 5 s] widened the occurrence's,
		// plus 5 s of margin, in whole seconds.
		assertThat(c.windowStart()).isEqualTo(Instant.parse("2026-11-27T10:15:11Z"));
		assertThat(c.windowEnd()).isEqualTo(Instant.parse("2026-11-27T10:15:40Z"));
		assertThat(c.nextAttemptAt()).isEqualTo(Instant.parse("2026-11-27T10:16:40Z"));
		assertThat(this.ixon.fetches).isEmpty();
		assertThat(this.registry.counter("videostore.alarm.anchors", "anchor", "occurrence").count()).isEqualTo(1);
	}

	@Test
	void withoutAnOccurrenceCreatedOnStaysTheAnchorAndTheNoteSaysWhy() {
		this.ixon.anchor = new Anchor(null, "IXON logged no occurrence of 'Pressure low'");

		this.work.run(context());

		assertThat(context().anchorSource()).isEqualTo(AlarmContext.CREATED_ON);
		assertThat(context().anchor()).isEqualTo(CREATED_ON.toInstant(ZoneOffset.UTC));
		assertThat(context().anchorNote()).contains("no occurrence");
	}

	@Test
	void theSignalsOfTheCamerasTagsAreStoredWithTheAlarm() {
		anchored();
		this.ixon.signals = new Signals(List.of(pressure()), List.of(), false);

		this.work.run(context());

		AlarmContext c = context();
		assertThat(c.state()).isEqualTo("done");
		assertThat(c.reason()).isNull();
		assertThat(c.nextAttemptAt()).isNull();
		assertThat(this.ixon.fetches).containsExactly("pressure 2026-11-27T10:15:15Z 2026-11-27T10:15:40Z");
		assertThat(c.series()).contains("\"slug\":\"pressure\"", "\"unit\":\"bar\"", "[1795774511000,0.42]");
		assertThat(this.status.last().outcome()).isEqualTo("done");
		assertThat(this.status.lastProblem()).isNull();
		assertThat(this.registry.counter("videostore.alarm.context", "outcome", "done").count()).isEqualTo(1);
	}

	@Test
	void aTagWithoutPointsMakesItPartialWithTheReason() {
		anchored();
		this.ixon.signals = new Signals(List.of(pressure()), List.of("no points of 'Speed' in the window"), false);

		this.work.run(context());

		assertThat(context().state()).isEqualTo("partial");
		assertThat(context().reason()).isEqualTo("no points of 'Speed' in the window");
	}

	@Test
	void aLogThatHadNotReachedTheWindowsEndIsFetchedAgainLater() {
		anchored();
		this.ixon.signals = new Signals(List.of(pressure()), List.of("the log did not reach the window's end yet"),
				true);

		this.work.run(context());

		assertThat(context().state()).as("still to be completed").isEqualTo("pending");
		assertThat(context().nextAttemptAt()).isEqualTo(this.clock.instant().plus(ContextWork.REFETCH_AFTER));
		assertThat(context().series()).as("what there is already shows").contains("pressure");
	}

	@Test
	void ixonFailingIsStoredWithItsReasonAndTriedAgainAFewTimes() {
		anchored();
		this.ixon.failure = new IllegalStateException("IXON answered 503");

		this.work.run(context());

		assertThat(context().state()).isEqualTo("pending");
		assertThat(context().reason()).contains("IXON answered 503").contains("trying again");
		assertThat(this.status.lastProblem().outcome()).as("what health shows").isEqualTo("retrying");
		assertThat(this.status.lastProblem().reason()).contains("IXON answered 503");
		for (int i = 1; i < ContextWork.MAX_ATTEMPTS; i++) {
			this.work.run(context());
		}
		assertThat(context().state()).isEqualTo("failed");
		assertThat(context().reason()).contains("gave up after " + ContextWork.MAX_ATTEMPTS + " attempts");
		assertThat(context().nextAttemptAt()).isNull();
		assertThat(this.status.lastProblem().outcome()).isEqualTo("failed");
		assertThat(this.registry.counter("videostore.alarm.context", "outcome", "retrying").count())
			.isEqualTo(ContextWork.MAX_ATTEMPTS - 1);
		assertThat(this.registry.counter("videostore.alarm.context", "outcome", "failed").count()).isEqualTo(1);
	}

	@Test
	void anAlarmThatCameTooLateToRecordGetsNoDataAndAClipRecordedLateDoesNotStretchTheWindow() {
		long late = this.db.alarms
			.recordAlarm(new NewAlarm(this.clock.instant(), CREATED_ON.minusDays(2), "1234-5678", "agent-1", "Press 7",
					"alarm-high", "Pressure low of Press 7 was triggered", "k2", "{}", "127.0.0.1", null));
		long job = this.db.jobs.createJob(late, "press", JobState.QUEUED, this.clock.instant(),
				this.clock.instant().plusSeconds(10), null);
		this.db.jobs.jobFinished(job, JobState.EXPIRED, "too late", null, this.clock.instant());
		this.contexts.create(late, CREATED_ON.minusDays(2).toInstant(ZoneOffset.UTC), this.clock.instant());

		this.work.run(this.contexts.find(late).orElseThrow());
		this.work.run(this.contexts.find(late).orElseThrow());

		assertThat(this.contexts.find(late).orElseThrow().state()).isEqualTo("failed");
		assertThat(this.contexts.find(late).orElseThrow().reason()).contains("not recorded");
		assertThat(this.ixon.fetches).isEmpty();

		Instant created = CREATED_ON.toInstant(ZoneOffset.UTC);
		this.db.jobs.createJob(this.alarm, "press", JobState.QUEUED, created.plus(Duration.ofHours(2)),
				created.plus(Duration.ofHours(2)).plusSeconds(10), null);
		assertThat(this.work.window(this.alarm, created, List.of(this.press)).to())
			.isEqualTo(Instant.parse("2026-11-27T10:15:40Z"));
	}

	private void anchored() {
		this.contexts.anchored(this.alarm, AlarmContext.CREATED_ON, null, "test");
	}

	private static Series pressure() {
		return new Series("PLC", "src-1", "Pressure", "pressure", "bar", "float", "interval", false,
				List.of(new DataPoint(Instant.parse("2026-11-27T10:15:11Z"), 0.42)));
	}

	private AlarmContext context() {
		return this.contexts.find(this.alarm).orElseThrow();
	}

	/** IXON as a script: what it answers, and what was asked. */
	private static final class Scripted implements LoggedData {

		Anchor anchor = new Anchor(null, "none");

		Signals signals = new Signals(List.of(), List.of(), false);

		RuntimeException failure;

		final List<String> fetches = new ArrayList<>();

		@Override
		public Anchor anchor(AlarmView alarm) {
			return this.anchor;
		}

		@Override
		public Signals fetch(AlarmView alarm, List<String> tags, Instant from, Instant to) {
			if (this.failure != null) {
				throw this.failure;
			}
			this.fetches.add(String.join(",", tags) + " " + from + " " + to);
			return this.signals;
		}

	}

}
