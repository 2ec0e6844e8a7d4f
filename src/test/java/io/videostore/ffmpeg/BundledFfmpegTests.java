package io.videostore.ffmpeg;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each platform's unpacked build needs nothing but itself and what every glibc system has
 * (libc, libm, libstdc++, libgcc_s, the loader): checked on the files, on any machine.
 * {@code BundledFfmpegIntegrationTests} runs them.
 */
class BundledFfmpegTests {

	private static final Set<String> SYSTEM = Set.of("libc.so.6", "libm.so.6", "libdl.so.2", "libpthread.so.0",
			"librt.so.1", "libstdc++.so.6", "libgcc_s.so.1", "ld-linux-x86-64.so.2", "ld-linux-aarch64.so.1");

	@TempDir
	Path cache;

	@ParameterizedTest
	@CsvSource({ "LINUX_X86_64, 62, /lib64/ld-linux-x86-64.so.2", "LINUX_ARM64, 183, /lib/ld-linux-aarch64.so.1" })
	void unpackedBuildNeedsOnlyItsOwnFilesAndGlibc(FfmpegPlatform platform, int machine, String interpreter)
			throws IOException {
		Assumptions.assumeTrue(BundledFfmpeg.carries(platform),
				() -> "this build's classpath has no " + platform.classifier() + " ffmpeg (-Djavacpp.platform)");
		Path dir = BundledFfmpeg.unpack(this.cache, platform);

		assertThat(dir.getFileName()).hasToString("ffmpeg-" + BundledFfmpeg.VERSION + "-" + platform.classifier());
		assertThat(dir.resolve("ffmpeg")).isExecutable();
		assertThat(dir.resolve("ffprobe")).isExecutable();
		for (String executable : new String[] { "ffmpeg", "ffprobe" }) {
			ElfFile elf = ElfFile.read(dir.resolve(executable));
			assertThat(elf.machine()).isEqualTo(machine);
			assertThat(elf.interpreter()).contains(interpreter);
		}
		try (var files = Files.list(dir)) {
			for (Path file : (Iterable<Path>) files::iterator) {
				ElfFile elf = ElfFile.read(file);
				assertThat(elf.machine()).as(file.toString()).isEqualTo(machine);
				assertThat(elf.needed()).as("%s needs", file)
					.allMatch((lib) -> SYSTEM.contains(lib) || Files.exists(dir.resolve(lib)));
				// A cut-out library's entry left in the chain would read as the
				// replacement,
				// a second libc.so.6.
				assertThat(elf.versionNeeds()).as("%s needs versions of", file)
					.allMatch((lib) -> SYSTEM.contains(lib) || Files.exists(dir.resolve(lib)))
					.doesNotHaveDuplicates();
			}
		}
	}

	@ParameterizedTest
	@CsvSource({ "LINUX_X86_64", "LINUX_ARM64" })
	void aSecondUnpackReusesTheFirst(FfmpegPlatform platform) throws IOException {
		Assumptions.assumeTrue(BundledFfmpeg.carries(platform));
		Path first = BundledFfmpeg.unpack(this.cache, platform);
		long modified = Files.getLastModifiedTime(first.resolve("libavutil.so.59")).toMillis();

		assertThat(BundledFfmpeg.unpack(this.cache, platform)).isEqualTo(first);
		assertThat(Files.getLastModifiedTime(first.resolve("libavutil.so.59")).toMillis()).isEqualTo(modified);
	}

}
