package io.videostore.recording;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.videostore.config.CameraAuth;
import io.videostore.config.CameraConfig;
import io.videostore.config.CameraSourceType;
import io.videostore.config.MatchRules;
import io.videostore.config.VideoConfig;
import io.videostore.recording.source.AlarmWindow;
import io.videostore.recording.source.ClipSource;
import io.videostore.recording.source.RecordingJob;
import io.videostore.recording.source.RecordingResult;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.annotation.OrderUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which source makes a camera's clips, as Spring wires the sources: a buffer that serves
 * the camera comes first, recording on demand takes every other camera, whatever order
 * the beans were registered in.
 */
class ClipSourcesTests {

	private final ApplicationContextRunner context = new ApplicationContextRunner().withBean(OnDemand.class)
		.withBean(Buffer.class)
		.withBean(ClipSources.class);

	@Test
	void aBufferingCameraGetsItsClipsFromTheBufferAndEveryOtherCameraOnDemand() {
		this.context.run((spring) -> {
			ClipSources sources = spring.getBean(ClipSources.class);

			assertThat(sources.sourceFor(camera("pre"))).isInstanceOf(Buffer.class);
			assertThat(sources.sourceFor(camera("press"))).isInstanceOf(OnDemand.class);
			assertThat(sources.states()).containsOnlyKeys("pre");
		});
	}

	@Test
	void theServicesPreRollRecorderIsAskedBeforeTheOnDemandRecorder() throws ClassNotFoundException {
		Integer preRoll = OrderUtils.getOrder(Class.forName("io.videostore.recording.preroll.PreRollRecorder"));
		Integer onDemand = OrderUtils.getOrder(Class.forName("io.videostore.recording.ondemand.OnDemandClips"));

		assertThat(preRoll).isNotNull().isLessThan(onDemand);
	}

	private static CameraConfig camera(String id) {
		return new CameraConfig(id, id, CameraSourceType.DEMO, null, CameraAuth.NONE, null, null, null, null,
				MatchRules.ALL, VideoConfig.DEFAULTS.withOutput(Path.of("videos")));
	}

	@Order(Ordered.LOWEST_PRECEDENCE)
	static class OnDemand extends Source {

		OnDemand() {
			super(Lane.CAPTURE);
		}

		@Override
		public boolean serves(CameraConfig camera) {
			return true;
		}

	}

	@Order(0)
	static class Buffer extends Source {

		Buffer() {
			super(Lane.CLIP);
		}

		@Override
		public boolean serves(CameraConfig camera) {
			return camera.id().equals("pre");
		}

		@Override
		public Map<String, ?> states() {
			return Map.of("pre", "BUFFERING");
		}

	}

	abstract static class Source implements ClipSource {

		private final Lane lane;

		Source(Lane lane) {
			this.lane = lane;
		}

		@Override
		public Lane lane() {
			return this.lane;
		}

		@Override
		public AlarmWindow window(CameraConfig camera, Instant alarm, Instant now) {
			return AlarmWindow.capturing(alarm, now, Duration.ofSeconds(10));
		}

		@Override
		public RecordingResult record(RecordingJob job) {
			throw new UnsupportedOperationException();
		}

	}

}
