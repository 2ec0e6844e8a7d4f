package io.videostore.ixon;

import java.net.URI;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.videostore.config.AppConfig;
import io.videostore.config.CameraConfig;
import io.videostore.config.IxonApiConfig;
import io.videostore.config.VideoConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service gets one shared IXON client, its login counter and its health indicator
 * only when IXON_api has credentials.
 */
class IxonConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(IxonConfiguration.class)
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new);

	@Test
	void credentialsGiveAClientALoginCounterAndAnUnknownHealthBeforeAnyCall() {
		runner
			.withBean(AppConfig.class,
					() -> config(new IxonApiConfig("app", "me@example.com", "pw", "", "",
							URI.create("http://127.0.0.1:9/api/"))))
			.run((context) -> {
				assertThat(context).hasSingleBean(IxonClient.class).hasBean("ixon");
				assertThat(context.getBean(IxonHealthIndicator.class).health(true).getStatus())
					.isEqualTo(Status.UNKNOWN);
				assertThat(context.getBean(MeterRegistry.class).get("videostore.ixon.logins").functionCounter().count())
					.isZero();
			});
	}

	@Test
	void withoutCredentialsThereIsNoClientAndNoIxonHealth() {
		runner
			.withBean(AppConfig.class,
					() -> config(new IxonApiConfig("", "", "", "", "", IxonApiConfig.DEFAULT_BASE_URL)))
			.run((context) -> {
				assertThat(context).doesNotHaveBean(IxonClient.class).doesNotHaveBean("ixon");
			});
	}

	private static AppConfig config(IxonApiConfig ixon) {
		return new AppConfig(ixon, List.of(CameraConfig.demo(VideoConfig.DEFAULTS)), VideoConfig.DEFAULTS, null, null,
				true);
	}

}
