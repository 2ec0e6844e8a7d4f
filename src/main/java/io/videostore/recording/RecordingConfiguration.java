package io.videostore.recording;

import io.videostore.camera.CameraSources;
import io.videostore.config.AppConfig;
import io.videostore.storage.ClipStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The recorder and what it needs, as Spring beans for the service.
 */
@Configuration(proxyBeanMethods = false)
class RecordingConfiguration {

	@Bean
	FfmpegLocator ffmpegLocator() {
		return FfmpegLocator.withDefaultCache();
	}

	@Bean(destroyMethod = "close")
	CameraSources cameraSources(AppConfig config) {
		return CameraSources.create(config);
	}

	@Bean
	ClipStore clipStore() {
		return new ClipStore();
	}

	@Bean
	Recorder recorder(FfmpegLocator locator, CameraSources cameras, ClipStore store) {
		return new Recorder(locator, cameras, store);
	}

}
