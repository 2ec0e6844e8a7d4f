package io.videostore.context;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

import io.videostore.clips.AlarmContexts;
import io.videostore.config.AppConfig;
import io.videostore.config.CameraConfig;
import io.videostore.ixon.IxonClient;
import org.springframework.stereotype.Component;

/**
 * Gives an alarm that is being recorded its context row, to be filled in the background:
 * when the IXON API is configured, or when only demo cameras record it (their signals are
 * made up in step with the demo clock).
 */
@Component
public class AlarmContextIntake {

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
		this.contexts.create(alarmId, createdOn.toInstant(ZoneOffset.UTC), this.clock.instant());
		this.fetcher.wake();
	}

}
