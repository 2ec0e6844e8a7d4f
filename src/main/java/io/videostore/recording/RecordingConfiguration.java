package io.videostore.recording;

import java.time.Clock;

import io.videostore.clips.AlarmIndex;
import io.videostore.clips.ClusterTables;
import io.videostore.clips.JobClaims;
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

	/** Outcomes are fenced by the index itself (the claim's token, see AlarmIndex). */
	@Bean
	OutcomeWriter outcomeWriter(AlarmIndex index) {
		return new OutcomeWriter(index);
	}

	@Bean
	QueueShares queueShares(AppConfig config, OwnedCameras owned, JobClaims claims, ClusterTables tables, Clock clock) {
		return QueueShares.of(config.webhooks().queueSize(), config.cameras(), owned, claims, tables, clock);
	}

	@Bean
	Lanes lanes(AppConfig config, AlarmIndex index, OutcomeWriter outcomes, Clock clock) {
		return new Lanes(config.webhooks().queueSize(), index, outcomes, clock);
	}

}
