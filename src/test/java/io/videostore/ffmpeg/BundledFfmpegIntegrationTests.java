package io.videostore.ffmpeg;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every build the jar carries starts from its unpacked folder and encodes H.264: natively
 * on its own platform, otherwise under Debian's {@code qemu-user} with the other
 * platform's glibc as sysroot ({@code libc6-arm64-cross} and friends install
 * {@code /usr/aarch64-linux-gnu}). Without those it is skipped with the reason, unless
 * {@code VIDEOSTORE_REQUIRE_QEMU} is set (as {@code .ci/run} does after installing them).
 */
class BundledFfmpegIntegrationTests {

	@TempDir
	Path dir;

	@ParameterizedTest
	@EnumSource(FfmpegPlatform.class)
	void theBundledBuildRunsAndEncodesH264(FfmpegPlatform platform) throws IOException {
		List<String> runner = runner(platform);
		Path bin = BundledFfmpeg.unpack(this.dir.resolve("cache"), platform);
		Map<String, String> env = Map.of("LD_LIBRARY_PATH", bin.toString());

		ShortJob.Result version = run(runner, env, bin.resolve("ffmpeg").toString(), "-hide_banner", "-version");
		assertThat(version.exitCode()).as(version.stderr()).isZero();
		assertThat(version.stdout()).startsWith("ffmpeg version 7.1.1");
		ShortJob.Result encoders = run(runner, env, bin.resolve("ffmpeg").toString(), "-hide_banner", "-encoders");
		assertThat(encoders.stdout()).contains(" libopenh264 ");

		Path clip = this.dir.resolve("clip.mp4");
		ShortJob.Result encode = run(runner, env, bin.resolve("ffmpeg").toString(), "-hide_banner", "-loglevel",
				"error", "-f", "lavfi", "-i", "testsrc=duration=1:size=320x240:rate=10", "-c:v", "libopenh264",
				"-pix_fmt", "yuv420p", "-movflags", "+faststart", clip.toString());
		assertThat(encode.exitCode()).as(encode.stderr()).isZero();
		assertThat(clip).isNotEmptyFile();

		ShortJob.Result probe = run(runner, env, bin.resolve("ffprobe").toString(), "-v", "error", "-count_frames",
				"-select_streams", "v:0", "-show_entries",
				"stream=codec_name,pix_fmt,width,height,nb_read_frames:format=duration", "-of", "compact=p=0",
				clip.toString());
		assertThat(probe.exitCode()).as(probe.stderr()).isZero();
		assertThat(probe.stdout()).contains("codec_name=h264", "pix_fmt=yuv420p", "width=320", "height=240",
				"nb_read_frames=10", "duration=1.000000");
	}

	/** Nothing on the build's own platform; qemu-user and a sysroot on another. */
	private static List<String> runner(FfmpegPlatform platform) {
		String required = System.getenv("VIDEOSTORE_REQUIRE_QEMU");
		if (!BundledFfmpeg.carries(platform)) {
			skipOrFail(required != null, "this build's classpath has no " + platform.classifier()
					+ " ffmpeg (built with -Djavacpp.platform for another platform)");
		}
		if (FfmpegPlatform.current().equals(java.util.Optional.of(platform))) {
			return List.of();
		}
		String arch = (platform == FfmpegPlatform.LINUX_ARM64) ? "aarch64" : "x86_64";
		Path qemu = Path.of("/usr/bin/qemu-" + arch);
		Path sysroot = Path.of("/usr/" + arch + "-linux-gnu");
		if (!Files.isExecutable(qemu) || !Files.isDirectory(sysroot.resolve("lib"))) {
			skipOrFail(required != null,
					"cannot run " + platform.classifier() + " binaries here: needs " + qemu + " and " + sysroot
							+ " (apt-get install qemu-user and the cross libc/libstdc++ that .ci/run names)");
		}
		return List.of(qemu.toString(), "-L", sysroot.toString());
	}

	private static void skipOrFail(boolean required, String reason) {
		if (required) {
			throw new IllegalStateException(reason + "; VIDEOSTORE_REQUIRE_QEMU is set");
		}
		Assumptions.abort(reason);
	}

	private static ShortJob.Result run(List<String> runner, Map<String, String> env, String... command)
			throws IOException {
		List<String> full = new ArrayList<>(runner);
		full.addAll(List.of(command));
		// Emulated, the encode takes a few seconds on a busy machine.
		return ShortJob.run(full, env, Duration.ofSeconds(120));
	}

}
