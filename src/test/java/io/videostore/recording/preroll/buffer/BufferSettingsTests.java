package io.videostore.recording.preroll.buffer;

import java.nio.file.Path;

import io.videostore.config.CameraConfig;
import io.videostore.config.VideoConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Buffer settings derived from a camera's configuration.
 */
class BufferSettingsTests {

	@Test
	void aRelativeOutputFolderGivesAnAbsoluteBufferFolderSoConcatListsResolve() {
		// The template's `output: videos` is relative; ffmpeg resolves concat entries
		// against the list's folder.
		BufferSettings settings = BufferSettings.forCamera(CameraConfig.demo(VideoConfig.DEFAULTS),
				Path.of("videos/.buffer"));

		assertThat(settings.folder()).isAbsolute().endsWithRaw(Path.of("videos/.buffer/demo"));
	}

}
