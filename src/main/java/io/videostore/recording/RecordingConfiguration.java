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

	/**
	 * On a shared database a kept outcome is written only while its job's claim is still
	 * this instance's (checking renews it).
	 */
	@Bean
	OutcomeWriter outcomeWriter(AlarmIndex index, OwnedCameras owned, JobClaims claims, Clock clock) {
		if (!owned.shared()) {
			return new OutcomeWriter(index);
		}
		return new OutcomeWriter(index,
				(jobId) -> claims.hold(jobId, owned.instanceId(), owned.leaseFrom(clock.instant())));
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
