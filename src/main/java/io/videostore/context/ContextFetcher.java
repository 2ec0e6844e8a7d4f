package io.videostore.context;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.videostore.clips.AlarmContext;
import io.videostore.clips.AlarmContexts;
import io.videostore.clips.Alarms;
import io.videostore.clips.Jobs;
import io.videostore.config.AppConfig;
import io.videostore.ixon.IxonClient;
import io.videostore.ixon.data.IxonDataClient;
import io.videostore.system.PeriodicWorker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The thread that fills alarms' contexts: every second it claims the ones due (one
 * instance each, on a shared database) and does their next step ({@link ContextWork}).
 * Nothing here delays a clip; a claim of an instance that died runs out after two minutes
 * and another instance takes it.
 */
@Component
class ContextFetcher implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ContextFetcher.class);

	static final Duration EVERY = Duration.ofSeconds(1);

	static final Duration CLAIM_FOR = Duration.ofMinutes(2);

	/** Contexts claimed at a time. */
	private static final int BATCH = 4;

	private final AlarmContexts contexts;

	private final ContextWork work;

	private final String instanceId;

	private final Clock clock;

	private final ContextStatus status;

	/**
	 * Woken when an alarm arrives: its anchor is looked up at once, not within a second.
	 */
	private final PeriodicWorker worker = new PeriodicWorker("alarm-context", EVERY, this::pass);

	private volatile boolean running;

	ContextFetcher(AppConfig config, Alarms alarms, Jobs jobs, AlarmContexts contexts, ObjectProvider<IxonClient> ixon,
			Clock clock, MeterRegistry registry) {
		this.contexts = contexts;
		this.status = new ContextStatus(registry);
		this.clock = clock;
		this.instanceId = config.instanceId();
		IxonClient client = ixon.getIfAvailable();
		LoggedData fromIxon = null;
		if (client != null) {
			IxonDataClient data = new IxonDataClient(client);
			fromIxon = new IxonLoggedData(data, new TagCatalog(client, data, clock), fallbackCompany(config),
					config.context().maxTags(), clock);
		}
		this.work = new ContextWork(config, alarms, jobs, contexts, fromIxon, new DemoLoggedData(), clock, this.status);
	}

	ContextStatus status() {
		return this.status;
	}

	/** The company of the first IXON camera, for alarms whose webhook names none. */
	private static String fallbackCompany(AppConfig config) {
		return config.cameras()
			.stream()
			.map((c) -> c.companyId())
			.filter((c) -> c != null && !c.isBlank())
			.findFirst()
			.orElse("");
	}

	/** An alarm's context is due now. */
	void wake() {
		this.worker.wake();
	}

	@Override
	public void start() {
		this.running = true;
		this.worker.start();
	}

	/** Does the contexts due now, a few at a time; false when none were. */
	private boolean pass() {
		try {
			Instant now = this.clock.instant();
			List<AlarmContext> due = this.contexts.claimDue(this.instanceId, now, now.plus(CLAIM_FOR), BATCH);
			for (AlarmContext context : due) {
				if (!this.running) {
					return false;
				}
				runSafely(context);
			}
			return due.size() == BATCH;
		}
		catch (RuntimeException ex) {
			log.warn("Alarm context: cannot read the index ({}); trying again", ex.getClass().getSimpleName());
			return false;
		}
	}

	private void runSafely(AlarmContext context) {
		try {
			this.work.run(context);
		}
		catch (RuntimeException ex) {
			log.error("Alarm {}: its context failed unexpectedly", context.alarmId(), ex);
			String reason = "internal error: " + ex.getClass().getSimpleName();
			Instant now = this.clock.instant();
			this.contexts.saved(context.alarmId(), "failed", reason, null, null, null, now, null);
			this.status.saved(context.alarmId(), "failed", reason, false, now);
		}
	}

	@Override
	public void stop() {
		this.running = false;
		this.worker.stop(Duration.ofSeconds(5));
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
