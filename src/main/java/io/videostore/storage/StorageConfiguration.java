package io.videostore.storage;

import java.time.Clock;
import java.time.Duration;

import io.videostore.clips.db.HealthQueries;
import io.videostore.config.AppConfig;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** The uploads' health, only when a bucket is configured. */
@Configuration(proxyBeanMethods = false)
@Conditional(StorageConfiguration.UploadsConfigured.class)
class StorageConfiguration {

	@Bean("uploads")
	UploadHealthIndicator uploadHealthIndicator(Uploader uploader, Clock clock,
			@Value("${videostore.uploads.stale-after:1h}") Duration staleAfter, HealthQueries queries) {
		return new UploadHealthIndicator(uploader, clock, staleAfter, queries);
	}

	/** The application's {@link AppConfig} (registered first) names a bucket. */
	static class UploadsConfigured implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			AppConfig config = (context.getBeanFactory() != null)
					? context.getBeanFactory().getBeanProvider(AppConfig.class).getIfAvailable() : null;
			return config != null && config.storage().uploads();
		}

	}

}
