package io.videostore.storage;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * A service started without a locale (systemd, cron: no {@code LANG}) encodes file names
 * as ASCII; clips of devices with non-ASCII names must still be published.
 */
class ClipStoreWithoutLocaleIntegrationTests {

	@TempDir
	Path dir;

	@Test
	void aDeviceWithAnUmlautGetsItsClipWhenTheServiceRunsWithoutALocale() throws Exception {
		List<String> out = publishWithoutLocale("Presse Köln");

		assumeThat(out).as("this platform's JVM encodes file names as ASCII without a locale")
			.contains("sun.jnu.encoding=ANSI_X3.4-1968");
		assertThat(out).contains("stored=2019-08-29T12-26-24_Presse_Koln.mp4");
		assertThat(this.dir.resolve("videos/2019-08-29T12-26-24_Presse_Koln.mp4")).hasContent("clip");
		try (Stream<Path> files = Files.list(this.dir.resolve("videos"))) {
			assertThat(files.map((f) -> f.getFileName().toString())).allMatch((n) -> n.matches("[ -~]+"));
		}
	}

	@Test
	void aClipWhoseNameCannotBeEncodedWithoutALocaleIsPublishedUnderAFallbackName() throws Exception {
		List<String> out = publishWithoutLocale("2019-08-29T12-26-24_Presse_Köln.mp4", "as-is");

		assumeThat(out).contains("sun.jnu.encoding=ANSI_X3.4-1968");
		assertThat(out).anyMatch((l) -> l.matches("stored=2019-08-29T12-26-24_clip_[0-9a-f]{8}\\.mp4"))
			.anyMatch((l) -> l.contains("WARN") && l.contains("Clip could not be published as"));
	}

	private List<String> publishWithoutLocale(String... args) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
						System.getProperty("java.class.path"), PublishClipMain.class.getName(),
						this.dir.resolve("videos").toString(), URLEncoder.encode(args[0], StandardCharsets.UTF_8)));
		command.addAll(List.of(args).subList(1, args.length));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		Map<String, String> env = builder.environment();
		env.keySet().removeIf((k) -> k.startsWith("LC_") || k.equals("LANG") || k.equals("LANGUAGE"));
		// Neither may set -Dsun.jnu.encoding or -Dfile.encoding behind the test's back.
		env.remove("JAVA_TOOL_OPTIONS");
		env.remove("JDK_JAVA_OPTIONS");
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		return output.lines().toList();
	}

}
