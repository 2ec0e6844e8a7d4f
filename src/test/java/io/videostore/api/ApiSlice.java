package io.videostore.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import io.videostore.clips.search.AlarmClip;
import io.videostore.config.AppConfig;
import io.videostore.config.CameraConfig;
import io.videostore.config.IxonApiConfig;
import io.videostore.config.VideoConfig;
import io.videostore.config.WebhooksConfig;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * What the API's slice tests share: a configuration with the demo camera, a fixed clock,
 * sample clips.
 */
@TestConfiguration
public class ApiSlice {

	public static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

	@Bean
	AppConfig appConfig() {
		VideoConfig video = VideoConfig.DEFAULTS;
		return new AppConfig(new IxonApiConfig("", "", "", "", "", IxonApiConfig.DEFAULT_BASE_URL),
				List.of(CameraConfig.demo(video)), video,
				new WebhooksConfig(10, 1, "secret-0123456789", Duration.ofSeconds(30), Duration.ofSeconds(10)), null,
				false);
	}

	@Bean
	Clock clock() {
		return Clock.fixed(NOW, ZoneOffset.UTC);
	}

	static AlarmClip clip(long id, String location) {
		return new AlarmClip(id, "demo", "2026-11-26T11-59-55_Press_7.mp4", 10.0, 100, "h264", 640, 360, 123456,
				NOW.minusSeconds(5), NOW.plusSeconds(5), NOW.plusSeconds(6), location, false,
				"deleted".equals(location) ? "older than max_age 30d" : null);
	}

}
