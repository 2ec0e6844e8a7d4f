package io.videostore.storage.retention;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.videostore.clips.Alarms;
import io.videostore.clips.Clips;
import io.videostore.clips.NotificationOutbox;
import io.videostore.config.AppConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs {@link Retention} at start, every {@link #PERIOD_SECONDS} seconds, and soon after
 * each new clip, on one background thread; after the first pass it warns about every
 * camera's disk that is below the recording floor.
 */
@Component
public class RetentionSweeper implements SmartLifecycle {

	static final long PERIOD_SECONDS = 30;

	private static final Logger log = LoggerFactory.getLogger(RetentionSweeper.class);

	private final Retention retention;

	private final AtomicBoolean requested = new AtomicBoolean();

	private ScheduledExecutorService executor;

	private final boolean enabled;

	/** The output folders of the cameras, each with the cameras recording into it. */
	private final java.util.Map<Path, java.util.List<String>> cameraFolders = new java.util.LinkedHashMap<>();

	RetentionSweeper(AppConfig config, Alarms alarms, Clips clips, NotificationOutbox notifications, Clock clock,
			MeterRegistry metrics, @Value("${videostore.retention.enabled:true}") boolean enabled) {
		this.enabled = enabled;
		this.retention = new Retention(config.storage().retention(), config.storage().uploads(), alarms, clips,
				notifications, clock, DiskSpace::free, metrics);
		java.util.Set<Path> folders = new java.util.LinkedHashSet<>();
		folders.add(config.video().output());
		config.cameras().forEach((c) -> folders.add(c.video().output()));
		config.cameras()
			.forEach((c) -> this.cameraFolders.computeIfAbsent(c.video().output(), (f) -> new java.util.ArrayList<>())
				.add(c.id()));
		for (Path folder : folders) {
			Gauge.builder("videostore.disk.free", () -> DiskSpace.free(folder))
				.tag("folder", folder.toString())
				.baseUnit("bytes")
				.description("Usable space on the disk of an output folder")
				.register(metrics);
		}
		Gauge.builder("videostore.disk.floor", () -> DiskSpace.RECORDING_FLOOR)
			.baseUnit("bytes")
			.description("Below this much free space no recording starts")
			.register(metrics);
		Gauge.builder("videostore.retention.min.free", () -> config.storage().retention().minFreeBytes())
			.baseUnit("bytes")
			.description("Below this much free space retention deletes local clips")
			.register(metrics);
	}

	/** A clip was stored: sweep soon (requests made while one is pending are merged). */
	public void clipStored() {
		ScheduledExecutorService e = this.executor;
		if (e != null && this.requested.compareAndSet(false, true)) {
			e.execute(this::sweep);
		}
	}

	/**
	 * A recording is about to be refused for want of space in {@code folder}: sweep now,
	 * on the caller's thread, so the alarm gets its clip instead.
	 */
	public void makeRoom(Path folder) {
		if (this.enabled) {
			log.info("Below the recording floor in {}: retention makes room now", folder);
			synchronized (this.retention) {
				try {
					this.retention.makeRoom(folder);
				}
				catch (RuntimeException ex) {
					log.warn("Retention sweep failed: {}", ex.toString());
				}
			}
		}
	}

	/** What the last sweeps did, for health. */
	Retention.Status status() {
		return this.retention.status();
	}

	/** Space for recordings in a folder, made by retention when it runs short. */
	public DiskSpace diskSpace() {
		return new DiskSpace(DiskSpace.RECORDING_FLOOR, this::makeRoom);
	}

	private void sweep() {
		this.requested.set(false);
		synchronized (this.retention) {
			try {
				this.retention.sweep();
			}
			catch (RuntimeException ex) {
				log.warn("Retention sweep failed: {}", ex.toString());
			}
		}
	}

	@Override
	public synchronized void start() {
		if (!this.enabled) {
			warnBelowFloor();
			return;
		}
		this.executor = Executors.newSingleThreadScheduledExecutor((r) -> {
			Thread t = new Thread(r, "retention");
			t.setDaemon(true);
			return t;
		});
		this.executor.execute(() -> {
			sweep();
			warnBelowFloor();
		});
		this.executor.scheduleWithFixedDelay(this::sweep, PERIOD_SECONDS, PERIOD_SECONDS, TimeUnit.SECONDS);
	}

	/**
	 * At start: a camera whose disk is already below the recording floor gets no clips,
	 * and the operator hears it now rather than at the first alarm.
	 */
	void warnBelowFloor() {
		this.cameraFolders.forEach((folder, cameras) -> {
			long free = DiskSpace.free(folder);
			if (free >= 0 && free < DiskSpace.RECORDING_FLOOR) {
				log.warn(
						"Only {} free on {} (camera{} {}), below the {} recording floor: alarms are stored, but "
								+ "no recording starts there until space is freed",
						DiskSpace.size(free), folder.toAbsolutePath().normalize(), (cameras.size() == 1) ? "" : "s",
						String.join(", ", cameras), DiskSpace.size(DiskSpace.RECORDING_FLOOR));
			}
		});
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
