package io.videostore.ixon;

import io.videostore.config.AppConfig;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when the application's {@link AppConfig} (registered before configuration
 * classes are read) has IXON credentials.
 */
class IxonConfiguredCondition implements Condition {

	@Override
	public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
		if (context.getBeanFactory() == null) {
			return false;
		}
		AppConfig config = context.getBeanFactory().getBeanProvider(AppConfig.class).getIfAvailable();
		return config != null && IxonClient.configured(config.ixonApi());
	}

}
