package io.videostore.ffmpeg;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class FfmpegPlatformTests {

	@ParameterizedTest
	@CsvSource({ "Linux, amd64, LINUX_X86_64", "Linux, x86_64, LINUX_X86_64", "Linux, aarch64, LINUX_ARM64",
			"Linux, arm64, LINUX_ARM64" })
	void osArchPicksTheBuild(String osName, String osArch, FfmpegPlatform expected) {
		assertThat(FfmpegPlatform.of(osName, osArch)).contains(expected);
	}

	@ParameterizedTest
	@CsvSource({ "Linux, arm", "Linux, armv7l", "Linux, riscv64", "Linux, ppc64le", "Mac OS X, aarch64",
			"Windows 11, amd64" })
	void otherPlatformsHaveNoBuild(String osName, String osArch) {
		assertThat(FfmpegPlatform.of(osName, osArch)).isEmpty();
	}

	@org.junit.jupiter.api.Test
	void theMessageNamesEveryBuildAndItsOsArch() {
		assertThat(FfmpegPlatform.supported())
			.isEqualTo("linux-x86_64 (os.arch amd64, x86_64) and linux-arm64 (os.arch aarch64, arm64)");
	}

}
