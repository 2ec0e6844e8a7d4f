package io.videostore.clips;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Closes the jobs that a previous run left queued or running, so none stays "running"
 * forever.
 * <p>
 * Runs once every singleton exists (so Flyway has migrated) and before the web server
 * starts, that is before any webhook can create a new job.
 */
class StartupRecovery implements SmartInitializingSingleton {

	static final String REASON = "service stopped before the recording finished";

	private static final Logger log = LoggerFactory.getLogger(StartupRecovery.class);

	private final AlarmIndex index;

	private final Clock clock;

	StartupRecovery(AlarmIndex index, Clock clock) {
		this.index = index;
		this.clock = clock;
	}

	@Override
	public void afterSingletonsInstantiated() {
		int closed = this.index.closeInterruptedJobs(this.clock.instant(), REASON);
		log.info("Closed {} interrupted jobs from the previous run", closed);
	}

}
