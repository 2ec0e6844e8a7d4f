package io.videostore.ixon;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.videostore.config.AppConfig;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * The shared IXON client and its health indicator, only when {@code IXON_api} has
 * credentials.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(IxonConfiguredCondition.class)
class IxonConfiguration {

	@Bean
	IxonClient ixonClient(AppConfig config, ObjectProvider<MeterRegistry> registry) {
		IxonClient client = IxonClient.create(config.ixonApi());
		registry.ifAvailable((r) -> {
			FunctionCounter.builder("videostore.ixon.logins", client, IxonClient::logins)
				.description("IXON access tokens minted (logins)")
				.register(r);
			FunctionCounter.builder("videostore.ixon.calls", client, IxonClient::calls)
				.description("HTTP calls to the IXON API, retries included")
				.register(r);
		});
		return client;
	}

	@Bean("ixon")
	IxonHealthIndicator ixonHealthIndicator(IxonClient client, AppConfig config) {
		return new IxonHealthIndicator(client, config.ixonApi().email());
	}

}
