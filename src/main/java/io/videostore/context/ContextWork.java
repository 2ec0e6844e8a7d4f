package io.videostore.context;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.videostore.clips.AlarmContext;
import io.videostore.clips.AlarmContexts;
import io.videostore.clips.AlarmView;
import io.videostore.clips.Alarms;
import io.videostore.clips.JobState;
import io.videostore.clips.JobView;
import io.videostore.clips.Jobs;
import io.videostore.config.AppConfig;
import io.videostore.config.CameraConfig;
import io.videostore.config.CameraSourceType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One step of an alarm's context. First its anchor: IXON's occurrence of the alarm, at
 * once (the pre-roll clip waits for it until its window ends); then, once the window and
 * a grace period have passed, the signals of
 * {@code [anchor − pre_roll − margin, anchor + post_roll + margin]} (widened to the
 * clips' windows), fetched again later when the log had not reached the window's end. A
 * failure is stored with its reason and retried a few times; the clip never waits for the
 * signals.
 */
final class ContextWork {

	private static final Logger log = LoggerFactory.getLogger(ContextWork.class);

	static final int MAX_ATTEMPTS = 4;

	static final Duration REFETCH_AFTER = Duration.ofMinutes(10);

	static final Duration RETRY_AFTER = Duration.ofMinutes(1);

	/** How far from the anchor a clip's window may widen the data window. */
	static final Duration WIDEST = Duration.ofMinutes(15);

	private final AppConfig config;

	private final Alarms alarms;

	private final Jobs jobs;

	private final AlarmContexts contexts;

	private final LoggedData ixon;

	private final LoggedData demo;

	private final Clock clock;

	private final ContextStatus status;

	/**
	 * @param ixon IXON's logged data, or null when the IXON API is not configured
	 */
	ContextWork(AppConfig config, Alarms alarms, Jobs jobs, AlarmContexts contexts, LoggedData ixon, LoggedData demo,
			Clock clock, ContextStatus status) {
		this.config = config;
		this.status = status;
		this.alarms = alarms;
		this.jobs = jobs;
		this.contexts = contexts;
		this.ixon = ixon;
		this.demo = demo;
		this.clock = clock;
	}

	void run(AlarmContext context) {
		Instant now = this.clock.instant();
		long id = context.alarmId();
		Optional<AlarmView> alarm = this.alarms.alarm(id);
		if (alarm.isEmpty()) {
			save(id, "failed", "the alarm is gone", null, null, null, now, null);
			return;
		}
		List<JobView> jobs = this.jobs.jobsForAlarm(id);
		List<CameraConfig> cameras = cameras(jobs);
		if (context.anchorNote() == null) {
			// At once, as the alarm arrives (its jobs may be a moment behind): a pre-roll
			// clip waits for this.
			boolean demo = cameras.isEmpty() ? this.ixon == null : demoOnly(cameras);
			anchor(context, alarm.get(), jobs, cameras, demo ? this.demo : this.ixon, now);
			return;
		}
		LoggedData source = demoOnly(cameras) ? this.demo : this.ixon;
		if (cameras.isEmpty() || source == null) {
			save(id, "failed",
					cameras.isEmpty() ? "the alarm was not recorded (see its outcome): no machine data"
							: "the IXON API is not configured (IXON_api): no machine data",
					null, null, null, now, null);
			return;
		}
		fetch(context, alarm.get(), jobs, cameras, source, now);
	}

	private void anchor(AlarmContext context, AlarmView alarm, List<JobView> jobs, List<CameraConfig> cameras,
			LoggedData source, Instant now) {
		Anchor anchor;
		try {
			anchor = source.anchor(alarm);
		}
		catch (RuntimeException ex) {
			anchor = new Anchor(null,
					"IXON's alarm occurrences could not be read (" + why(ex) + "): createdOn is the anchor");
		}
		boolean exact = anchor.occurredOn() != null;
		String used = exact ? AlarmContext.OCCURRENCE : AlarmContext.CREATED_ON;
		this.contexts.anchored(context.alarmId(), used, anchor.occurredOn(), anchor.note());
		this.status.anchored(used);
		Instant at = exact ? anchor.occurredOn() : context.createdOn();
		Window window = window(jobs, at, cameras);
		Duration grace = (source == this.demo) ? Duration.ofSeconds(1) : this.config.context().grace();
		this.contexts.later(context.alarmId(), window.to().plus(grace), window.from(), window.to());
	}

	private void fetch(AlarmContext context, AlarmView alarm, List<JobView> jobs, List<CameraConfig> cameras,
			LoggedData source, Instant now) {
		Window window = window(jobs, context.anchor(), cameras);
		Signals signals;
		try {
			signals = source.fetch(alarm, tags(cameras), window.from(), window.to());
		}
		catch (RuntimeException ex) {
			boolean again = context.attempts() + 1 < MAX_ATTEMPTS;
			String reason = "IXON's logged data could not be read (" + why(ex) + ")"
					+ (again ? "; trying again" : "; gave up after " + MAX_ATTEMPTS + " attempts");
			log.warn("Alarm {}: {}", context.alarmId(), reason);
			save(context.alarmId(), "failed", reason, window.from(), window.to(), null, now,
					again ? now.plus(RETRY_AFTER.multipliedBy(context.attempts() + 1)) : null);
			return;
		}
		boolean again = signals.incomplete() && context.attempts() + 1 < MAX_ATTEMPTS;
		String state = signals.series().isEmpty() ? "failed" : signals.problems().isEmpty() ? "done" : "partial";
		String reason = !signals.problems().isEmpty() ? String.join("; ", signals.problems())
				: signals.series().isEmpty() ? "no logged signals in the window" : null;
		save(context.alarmId(), state, reason, window.from(), window.to(), SeriesJson.of(signals.series()), now,
				again ? now.plus(REFETCH_AFTER) : null);
	}

	/** Saves a fetch, and tells this instance's health and metrics about it. */
	private void save(long alarmId, String state, String reason, Instant windowStart, Instant windowEnd, String series,
			Instant now, Instant nextAttempt) {
		this.contexts.saved(alarmId, state, reason, windowStart, windowEnd, series, now, nextAttempt);
		this.status.saved(alarmId, state, reason, nextAttempt != null, now);
	}

	/**
	 * The data window: whole seconds around the anchor, widened to the clips' windows.
	 */
	record Window(Instant from, Instant to) {
	}

	Window window(long alarmId, Instant anchor, List<CameraConfig> recording) {
		return window(this.jobs.jobsForAlarm(alarmId), anchor, recording);
	}

	private Window window(List<JobView> jobs, Instant anchor, List<CameraConfig> recording) {
		// Before its jobs exist (the anchor is looked up as the alarm arrives), any
		// camera.
		List<CameraConfig> cameras = recording.isEmpty() ? this.config.cameras() : recording;
		Duration pre = cameras.stream().map((c) -> c.video().preRoll()).max(Duration::compareTo).orElse(Duration.ZERO);
		Duration post = cameras.stream()
			.map((c) -> c.video().preRoll().isZero() ? c.video().duration() : c.video().postRoll())
			.max(Duration::compareTo)
			.orElse(Duration.ZERO);
		Instant from = anchor.minus(pre);
		Instant to = anchor.plus(post);
		for (JobView job : jobs) {
			// A clip recorded late (a late webhook, a takeover) widens the window up to
			// WIDEST around the anchor, no further.
			if (!recorded(job) || job.windowStart() == null || job.windowEnd() == null
					|| Duration.between(anchor, job.windowEnd()).abs().compareTo(WIDEST) > 0
					|| Duration.between(anchor, job.windowStart()).abs().compareTo(WIDEST) > 0) {
				continue;
			}
			if (job.windowStart().isBefore(from)) {
				from = job.windowStart();
			}
			if (job.windowEnd().isAfter(to)) {
				to = job.windowEnd();
			}
		}
		Duration margin = this.config.context().margin();
		Instant start = from.minus(margin).truncatedTo(ChronoUnit.SECONDS);
		Instant end = to.plus(margin);
		Instant endSeconds = end.truncatedTo(ChronoUnit.SECONDS);
		return new Window(start, endSeconds.equals(end) ? end : endSeconds.plusSeconds(1));
	}

	/**
	 * The cameras recording (or that recorded) the alarm; not those it came too late for.
	 */
	private List<CameraConfig> cameras(List<JobView> jobs) {
		Set<String> ids = new LinkedHashSet<>();
		jobs.stream().filter(ContextWork::recorded).forEach((j) -> ids.add(j.cameraId()));
		return ids.stream().map(this.config::camera).flatMap(Optional::stream).toList();
	}

	/** A job that makes or shares a clip, or may still: not one too late or refused. */
	private static boolean recorded(JobView job) {
		return job.state() != JobState.EXPIRED && job.state() != JobState.REJECTED;
	}

	static boolean demoOnly(List<CameraConfig> cameras) {
		return !cameras.isEmpty() && cameras.stream().allMatch((c) -> c.source() == CameraSourceType.DEMO);
	}

	/** The cameras' {@code context.tags}, together, in order. */
	private static List<String> tags(List<CameraConfig> cameras) {
		Set<String> tags = new LinkedHashSet<>();
		cameras.forEach((c) -> tags.addAll(c.contextTags()));
		return List.copyOf(tags);
	}

	private static String why(RuntimeException ex) {
		return (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
	}

	/** Cloud Notify's createdOn of an alarm, as an instant. */
	static Instant createdOn(AlarmView alarm) {
		return alarm.createdOn().toInstant(ZoneOffset.UTC);
	}

}
