package io.videostore.recording;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.videostore.clips.Clips;
import io.videostore.clips.Jobs;
import io.videostore.system.PeriodicWorker;
import io.videostore.system.Phases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.BadSqlGrammarException;

/**
 * Writes jobs' outcomes to the index, and keeps those it cannot write while the index
 * does not answer (PostgreSQL restarting or out of reach, a full disk under SQLite) to
 * write them, in order, every {@link #RETRY_EVERY} until it answers again: a clip made
 * while the database was away still ends its alarm as done, instead of leaving the job
 * {@code running} and the clip unknown. Meanwhile the job's claim stays this instance's
 * until it runs out by the database's clock, and other instances wait a full lease after
 * an outage before they take lapsed claims over, so a blink of the database does not get
 * the alarm recorded again. Writes are fenced by the claim's token: if another instance
 * did take the job over (this one was cut off, not the database down), the clip made here
 * is kept as a second clip of the alarm, never dropped. Kept in memory only: at stop, one
 * last try; what still cannot be written stays open for the next start, which closes it
 * as after a crash. An outcome the index refuses for good (its job is gone) closes the
 * job as failed with the reason.
 */
final class OutcomeWriter implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(OutcomeWriter.class);

	static final Duration RETRY_EVERY = Duration.ofSeconds(2);

	private final Jobs jobs;

	private final Clips clips;

	/** Outcomes not written yet, oldest first. */
	private final List<JobOutcome> waiting = new ArrayList<>();

	/** Tries what waits every {@link #RETRY_EVERY}. */
	private final PeriodicWorker retries = new PeriodicWorker("job-outcomes", RETRY_EVERY, () -> {
		retry();
		return false;
	});

	private volatile boolean running;

	OutcomeWriter(Jobs jobs, Clips clips) {
		this.jobs = jobs;
		this.clips = clips;
	}

	/**
	 * Writes the outcome now, or keeps it to write as soon as the index answers (then it
	 * is announced from here).
	 * @return true when it was written now
	 */
	boolean write(JobOutcome outcome) {
		try {
			outcome.write(this.jobs, this.clips);
			return true;
		}
		catch (RuntimeException ex) {
			if (!retryable(ex)) {
				refused(outcome, ex);
				return false;
			}
			log.warn(
					"Job {}: the index does not answer ({}); its outcome ({}{}) is kept and written as soon as it "
							+ "does",
					outcome.job().jobId(), ex.getClass().getSimpleName(), outcome.state().value(),
					(outcome.clipId() != null || outcome.written()) ? ", with its clip" : "");
			keep(outcome);
			return false;
		}
	}

	/** Outcomes waiting for the index. */
	synchronized int waiting() {
		return this.waiting.size();
	}

	private synchronized void keep(JobOutcome outcome) {
		this.waiting.add(outcome);
	}

	/**
	 * Writes what waits, oldest first, until the index fails again; returns what is left.
	 */
	int retry() {
		List<JobOutcome> batch;
		synchronized (this) {
			batch = List.copyOf(this.waiting);
		}
		for (JobOutcome outcome : batch) {
			try {
				outcome.write(this.jobs, this.clips);
			}
			catch (RuntimeException ex) {
				if (retryable(ex)) {
					break;
				}
				refused(outcome, ex);
			}
			synchronized (this) {
				this.waiting.remove(outcome);
			}
			if (outcome.written() && outcome.fenced()) {
				log.warn("Job {}: another instance took it over while this one could not reach the database; {}",
						outcome.job().jobId(),
						outcome.clipPath()
							.map((p) -> "the clip made here (" + p + ") is kept as a second clip of its alarm")
							.orElse("its outcome here (" + outcome.state().value() + ") is left to that instance"));
				announce(outcome);
			}
			else if (outcome.written()) {
				log.info("Job {}: its outcome ({}) is written now that the index answers again", outcome.job().jobId(),
						outcome.state().value());
				announce(outcome);
			}
		}
		return waiting();
	}

	private void refused(JobOutcome outcome, RuntimeException ex) {
		String why = refusal(ex);
		log.error("Job {}: the index refused its outcome ({}): {}; closing it as failed", outcome.job().jobId(),
				outcome.state().value(), why);
		outcome.failInstead(this.jobs, why);
	}

	/** Why the index refused an outcome for good, in words. */
	static String refusal(RuntimeException ex) {
		if (ex instanceof DataIntegrityViolationException) {
			return "the index refused it (it breaks a rule of the index's tables)";
		}
		if (ex instanceof BadSqlGrammarException) {
			return "the index refused it (its tables are not the ones this version expects)";
		}
		if (ex instanceof IllegalArgumentException && ex.getMessage() != null) {
			// "No job with id 7": the job is gone from the index.
			return "the index has " + ex.getMessage().replaceFirst("^No ", "no ");
		}
		return "the index refused it (" + ex.getClass().getSimpleName() + ")";
	}

	/**
	 * Announces a written outcome; a failure here (the index going away just then) is
	 * logged and never turns the job's outcome into a failure.
	 */
	static void announce(JobOutcome outcome) {
		try {
			outcome.announce();
		}
		catch (RuntimeException ex) {
			log.warn("Job {}: its outcome is stored, but its upload or notifications could not be queued ({})",
					outcome.job().jobId(), ex.getClass().getSimpleName());
		}
	}

	/**
	 * The database did not answer, or answered with a passing failure; not a refusal of
	 * this write (a constraint, a job that is no longer there).
	 */
	static boolean retryable(RuntimeException ex) {
		return ex instanceof DataAccessException && !(ex instanceof DataIntegrityViolationException)
				&& !(ex instanceof BadSqlGrammarException);
	}

	@Override
	public void start() {
		this.running = true;
		this.retries.start();
	}

	/** After the workers and the queue: one last try, then what is left is left open. */
	@Override
	public void stop() {
		this.running = false;
		this.retries.stop(RETRY_EVERY);
		if (waiting() > 0 && retry() > 0) {
			log.warn("{} job outcome(s) could not be written before the stop: those jobs stay open in the index, "
					+ "and the next start closes them as after a crash", waiting());
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** See {@link Phases}. */
	@Override
	public int getPhase() {
		return Phases.OUTCOMES;
	}

}
