package io.videostore.recording.ondemand;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.videostore.config.CameraConfig;
import io.videostore.config.VideoConfig;
import io.videostore.storage.ClipStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the next start says of a capture the service died in, from the work files it left.
 */
class OnDemandClipsTests {

	@TempDir
	Path videos;

	@Test
	void aServiceKilledWhileFinalizingSaysSoNotThatItDiedDuringTheRecording() throws IOException {
		CameraConfig camera = CameraConfig.demo(VideoConfig.DEFAULTS.withOutput(this.videos));
		Path work = Files.createDirectories(this.videos.resolve(ClipStore.PARTIAL_DIR));
		Files.writeString(work.resolve("job-7.mkv"), "captured");
		Files.writeString(work.resolve("job-7.mp4"), "half finalized");

		assertThat(OnDemandClips.diedIn(camera, "job-7"))
			.isEqualTo("the service died while finalizing the clip (kill -9, crash or power loss)");
	}

	@Test
	void aServiceKilledWhileCapturingSaysItDiedDuringTheRecording() throws IOException {
		CameraConfig camera = CameraConfig.demo(VideoConfig.DEFAULTS.withOutput(this.videos));
		Path work = Files.createDirectories(this.videos.resolve(ClipStore.PARTIAL_DIR));
		Files.writeString(work.resolve("job-7.mkv"), "captured");

		assertThat(OnDemandClips.diedIn(camera, "job-7"))
			.isEqualTo("the service died during the recording (kill -9, crash or power loss)");
	}

}
