package io.videostore.recording;

import io.videostore.camera.CameraSources;
import io.videostore.config.AppConfig;
import io.videostore.ffmpeg.FfmpegLocator;
import io.videostore.ixon.IxonClient;
import io.videostore.recording.ondemand.Recorder;
import io.videostore.storage.ClipStore;
import org.springframework.beans.factory.ObjectProvider;
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
	CameraSources cameraSources(AppConfig config, ObjectProvider<IxonClient> ixon) {
		// The one shared IXON client: its token is reused across recordings and its state
		// feeds the health check.
		return CameraSources.create(config, ixon.getIfAvailable());
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
