package io.videostore.storage;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.MeterRegistry;
import io.videostore.clips.AlarmIndex;
import io.videostore.config.AppConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs {@link Retention} at start, every {@link #PERIOD_SECONDS} seconds, and soon after
 * each new clip, on one background thread.
 */
@Component
public class RetentionSweeper implements SmartLifecycle {

	static final long PERIOD_SECONDS = 30;

	private static final Logger log = LoggerFactory.getLogger(RetentionSweeper.class);

	private final Retention retention;

	private final AtomicBoolean requested = new AtomicBoolean();

	private ScheduledExecutorService executor;

	private final boolean enabled;

	RetentionSweeper(AppConfig config, AlarmIndex index, Clock clock, MeterRegistry metrics,
			@Value("${videostore.retention.enabled:true}") boolean enabled) {
		this.enabled = enabled;
		this.retention = new Retention(config.storage().retention(), config.storage().uploads(), index, clock,
				DiskSpace::free, metrics);
	}

	/** A clip was stored: sweep soon (requests made while one is pending are merged). */
	public void clipStored() {
		ScheduledExecutorService e = this.executor;
		if (e != null && this.requested.compareAndSet(false, true)) {
			e.execute(this::sweep);
		}
	}

	private void sweep() {
		this.requested.set(false);
		try {
			this.retention.sweep();
		}
		catch (RuntimeException ex) {
			log.warn("Retention sweep failed: {}", ex.toString());
		}
	}

	@Override
	public synchronized void start() {
		if (!this.enabled) {
			return;
		}
		this.executor = Executors.newSingleThreadScheduledExecutor((r) -> {
			Thread t = new Thread(r, "retention");
			t.setDaemon(true);
			return t;
		});
		this.executor.scheduleWithFixedDelay(this::sweep, 0, PERIOD_SECONDS, TimeUnit.SECONDS);
	}

	@Override
	public synchronized void stop() {
		if (this.executor != null) {
			this.executor.shutdownNow();
			this.executor = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.executor != null;
	}

}
