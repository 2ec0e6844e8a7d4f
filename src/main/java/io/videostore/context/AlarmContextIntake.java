package io.videostore.context;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

import io.videostore.clips.AlarmContexts;
import io.videostore.config.AppConfig;
import io.videostore.config.CameraConfig;
import io.videostore.ixon.IxonClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Gives an alarm that is being recorded its context row, to be filled in the background:
 * when the IXON API is configured, or when only demo cameras record it (their signals are
 * made up in step with the demo clock).
 */
@Component
public class AlarmContextIntake {

	private static final Logger log = LoggerFactory.getLogger(AlarmContextIntake.class);

	private final AppConfig config;

	private final AlarmContexts contexts;

	private final Clock clock;

	private final boolean ixon;

	private final ContextFetcher fetcher;

	AlarmContextIntake(AppConfig config, AlarmContexts contexts, Clock clock, ContextFetcher fetcher) {
		this.fetcher = fetcher;
		this.config = config;
		this.contexts = contexts;
		this.clock = clock;
		this.ixon = IxonClient.configured(config.ixonApi());
	}

	/** An alarm its cameras are recording: its context is looked up at once. */
	public void accepted(long alarmId, LocalDateTime createdOn, List<CameraConfig> cameras) {
		if (!this.config.context().enabled() || (!this.ixon && !ContextWork.demoOnly(cameras))) {
			return;
		}
		try {
			this.contexts.create(alarmId, createdOn.toInstant(ZoneOffset.UTC), this.clock.instant());
		}
		catch (RuntimeException ex) {
			// The stored alarm must still get its jobs: without its context it is only
			// missing the signals, never the clip.
			log.warn("Alarm {}: no machine data will be fetched, its context could not be stored ({})", alarmId,
					ex.getClass().getSimpleName());
			return;
		}
		this.fetcher.wake();
	}

}
