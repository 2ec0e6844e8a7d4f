package io.videostore.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.videostore.testcam.FakeIxon;
import io.videostore.testcam.IxonRig;
import io.videostore.testcam.NoFfmpegLeftBehind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --test-recording} of a camera behind IXON web access, end to end through the
 * fake IXON API and proxy.
 */
@ExtendWith(OutputCaptureExtension.class)
@NoFfmpegLeftBehind
class IxonTestRecordingIntegrationTests {

	@TempDir
	Path dir;

	@Test
	void testRecordingThroughIxonSavesAVerifiedClipAndShowsNoSecret(CapturedOutput output) throws IOException {
		try (IxonRig rig = IxonRig.digest()) {
			Path config = rig.config(dir, FakeIxon.PASSWORD, IxonRig.CAMERA_PASSWORD, "/mjpg/video.mjpg");

			assertThat(VideoStoreCommand.run("--config", config.toString(), "-t")).isZero();

			assertThat(output.getOut()).contains("Clip saved: ", "h264 yuv420p 640x360", "(requested 2.0 s)");
			assertThat(rig.ixon.logins()).isEqualTo(1);
			assertThat(rig.proxy.handshakes()).isEqualTo(1);
			try (var files = Files.list(dir.resolve("videos"))) {
				assertThat(files.map((f) -> f.getFileName().toString()))
					.anyMatch((n) -> n.endsWith("_test_default.mp4"));
			}
			assertThat(output.getAll()).doesNotContain(IxonRig.CAMERA_PASSWORD, FakeIxon.PASSWORD, "AUTHCODE");
		}
	}

	@Test
	void refusedIxonLoginExitsOneNamingTheLoginAndNotThePassword(CapturedOutput output) throws IOException {
		try (IxonRig rig = IxonRig.digest()) {
			Path config = rig.config(dir, "Not-The-Ixon-Pa55", IxonRig.CAMERA_PASSWORD, "/mjpg/video.mjpg");

			assertThat(VideoStoreCommand.run("--config", config.toString(), "-t")).isEqualTo(1);

			assertThat(output.getOut()).contains("Recording failed: camera 'default' through IXON web access: "
					+ "IXON login as " + FakeIxon.EMAIL + " failed", "check IXON_api.email and IXON_api.password");
			assertThat(output.getAll()).doesNotContain("Not-The-Ixon-Pa55", IxonRig.CAMERA_PASSWORD);
		}
	}

	@Test
	void wrongStreamPathExitsOneNamingThePath(CapturedOutput output) throws IOException {
		try (IxonRig rig = IxonRig.digest()) {
			Path config = rig.config(dir, FakeIxon.PASSWORD, IxonRig.CAMERA_PASSWORD, "/axis-cgi/mjpg/video.cgi");

			assertThat(VideoStoreCommand.run("--config", config.toString(), "-t")).isEqualTo(1);

			assertThat(output.getOut()).contains("through IXON web access: camera stream http://127.0.0.1:"
					+ rig.proxy.port() + "/axis-cgi/mjpg/video.cgi not found (HTTP 404): check the stream path");
			assertThat(output.getAll()).doesNotContain(IxonRig.CAMERA_PASSWORD, "AUTHCODE");
		}
	}

}
