package io.videostore.ffmpeg;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an ffmpeg child gets of the service's environment: the paths, time zone, locale
 * and temp folder it may read, the extra variables of its build, and none of the
 * service's secrets. {@code BundledFfmpegIntegrationTests} runs real ffmpeg with it.
 */
class FfmpegProcessTests {

	@Test
	void ffmpegDoesNotInheritTheServicesSecrets() {
		Map<String, String> service = Map.of("VIDEOSTORE_WEBHOOKS_SECRET", "hook-secret",
				"VIDEOSTORE_IXON_API_PASSWORD", "ixon-password", "VIDEOSTORE_S3_SECRET_KEY", "s3-key",
				"AWS_SECRET_ACCESS_KEY", "aws-key", "HOME", "/home/videostore", "PATH", "/usr/bin:/bin", "TZ",
				"Europe/Amsterdam", "LANG", "C.UTF-8", "TMPDIR", "/var/tmp");

		Map<String, String> child = FfmpegProcess.childEnvironment(service, Map.of());

		assertThat(child).containsExactlyInAnyOrderEntriesOf(
				Map.of("PATH", "/usr/bin:/bin", "TZ", "Europe/Amsterdam", "LANG", "C.UTF-8", "TMPDIR", "/var/tmp"));
	}

	@Test
	void theBundledBuildsLibraryFolderReplacesTheServices() {
		Map<String, String> child = FfmpegProcess.childEnvironment(
				Map.of("PATH", "/usr/bin", "LD_LIBRARY_PATH", "/opt/other/lib", "LC_ALL", "de_DE.UTF-8"),
				Map.of("LD_LIBRARY_PATH", "/cache/video-store/ffmpeg-7.1.1"));

		assertThat(child).containsExactlyInAnyOrderEntriesOf(Map.of("PATH", "/usr/bin", "LD_LIBRARY_PATH",
				"/cache/video-store/ffmpeg-7.1.1", "LC_ALL", "de_DE.UTF-8"));
	}

	@Test
	void aProcessStartedTheServicesWaySeesOnlyThoseVariables() throws Exception {
		ShortJob.Result env = ShortJob.run(List.of("env"), Map.of("VIDEOSTORE_EXTRA", "x"), Duration.ofSeconds(30));

		assertThat(env.exitCode()).isZero();
		assertThat(env.stdout().lines().map((line) -> line.substring(0, line.indexOf('='))))
			.contains("VIDEOSTORE_EXTRA")
			.allMatch((name) -> List
				.of("VIDEOSTORE_EXTRA", "PATH", "LD_LIBRARY_PATH", "TZ", "LANG", "LC_ALL", "LC_CTYPE", "TMPDIR",
						"SSL_CERT_FILE", "SSL_CERT_DIR")
				.contains(name));
	}

}
