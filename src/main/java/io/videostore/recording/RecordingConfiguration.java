package io.videostore.recording;

import java.time.Clock;

import io.videostore.clips.Clips;
import io.videostore.clips.ClusterTables;
import io.videostore.clips.JobClaims;
import io.videostore.clips.Jobs;
import io.videostore.config.AppConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the queue and the workers share: the lanes between them and the alarm-time rules.
 */
@Configuration(proxyBeanMethods = false)
class RecordingConfiguration {

	@Bean
	AlarmTime alarmTime(AppConfig config) {
		return new AlarmTime(config.webhooks().clockSkew());
	}

	/**
	 * Outcomes are fenced by the index itself (the claim's token, see Jobs and Clips).
	 */
	@Bean
	OutcomeWriter outcomeWriter(Jobs jobs, Clips clips) {
		return new OutcomeWriter(jobs, clips);
	}

	@Bean
	QueueShares queueShares(AppConfig config, OwnedCameras owned, JobClaims claims, ClusterTables tables, Clock clock) {
		return QueueShares.of(config.webhooks().queueSize(), config.cameras(), owned, claims, tables, clock);
	}

	@Bean
	Lanes lanes(AppConfig config, Jobs jobs, OutcomeWriter outcomes, Clock clock) {
		return new Lanes(config.webhooks().queueSize(), jobs, outcomes, clock);
	}

}
