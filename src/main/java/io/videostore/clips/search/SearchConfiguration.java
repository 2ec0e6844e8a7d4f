package io.videostore.clips.search;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The index's read side for the API as Spring beans: {@link AlarmSearch} and
 * {@link AlarmStats}, on the index's {@link JdbcClient} (which Boot's Flyway
 * auto-configuration migrates first).
 */
@Configuration(proxyBeanMethods = false)
class SearchConfiguration {

	@Bean
	AlarmSearch alarmSearch(JdbcClient jdbc) {
		return new AlarmSearch(jdbc);
	}

	@Bean
	AlarmStats alarmStats(JdbcClient jdbc) {
		return new AlarmStats(jdbc);
	}

}
