package io.videostore.recording.ondemand;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import io.videostore.config.CameraAuth;
import io.videostore.config.CameraConfig;
import io.videostore.config.CameraSourceType;
import io.videostore.config.MatchRules;
import io.videostore.config.VideoConfig;

/**
 * Camera configurations for recorder tests.
 */
final class Cameras {

	private Cameras() {
	}

	static VideoConfig video(Path output, double seconds, boolean recode) {
		return video(output, seconds, recode, VideoConfig.DEFAULTS.stallTimeout());
	}

	static VideoConfig video(Path output, double seconds, boolean recode, Duration stall) {
		VideoConfig v = VideoConfig.DEFAULTS;
		return new VideoConfig(v.debugInfo(), Duration.ofMillis((long) (seconds * 1000)), v.framerate(), recode,
				v.ffmpegPath(), output, v.preRoll(), v.postRoll(), stall);
	}

	static CameraConfig url(URI uri, CameraAuth auth, VideoConfig video) {
		return new CameraConfig("cam1", "Camera 1", CameraSourceType.URL, uri.toString(), auth, null, null, null, null,
				MatchRules.ALL, video);
	}

	static CameraConfig demo(VideoConfig video) {
		return CameraConfig.demo(video);
	}

}
