package io.videostore.ffmpeg;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The service's one {@link FfmpegLocator}: ffmpeg is found, unpacked and checked once.
 */
@Configuration(proxyBeanMethods = false)
class FfmpegConfiguration {

	@Bean
	FfmpegLocator ffmpegLocator() {
		return FfmpegLocator.withDefaultCache();
	}

}
