package io.videostore.ffmpeg;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Unpacks the ffmpeg and ffprobe executables shipped in {@code org.bytedeco:ffmpeg} (LGPL
 * build) for this machine's platform into a per-version cache folder, so a machine with
 * only a JDK can record.
 */
final class BundledFfmpeg {

	private static final Logger log = LoggerFactory.getLogger(BundledFfmpeg.class);

	/** Bump together with the bytedeco ffmpeg version in pom.xml. */
	static final String VERSION = "7.1.1-1.5.12";

	/**
	 * Put in place of each cut-out library name: every binary loads libc anyway, and the
	 * name is shorter than any cut-out one.
	 */
	private static final String REPLACEMENT = "libc.so.6";

	private BundledFfmpeg() {
	}

	/**
	 * Whether this jar carries the build for that platform: a jar built with
	 * {@code -Djavacpp.platform=...} carries one platform only.
	 */
	static boolean carries(FfmpegPlatform platform) {
		return BundledFfmpeg.class.getClassLoader().getResource(platform.resources() + "ffmpeg") != null;
	}

	/**
	 * Unpacks that platform's build once into
	 * {@code <cacheRoot>/ffmpeg-<version>-<platform>} and returns that folder.
	 * @throws UncheckedIOException when the jar lacks it or the folder is not writable
	 */
	static Path unpack(Path cacheRoot, FfmpegPlatform platform) {
		Path target = cacheRoot.resolve("ffmpeg-" + VERSION + "-" + platform.classifier());
		if (Files.isExecutable(target.resolve("ffmpeg"))) {
			return target;
		}
		try {
			Files.createDirectories(cacheRoot);
			Path staging = Files.createTempDirectory(cacheRoot, ".ffmpeg-unpack-");
			for (String file : platform.files()) {
				copy(platform.resources() + file, staging.resolve(file));
			}
			for (Map.Entry<String, String> alias : platform.aliases().entrySet()) {
				Files.copy(staging.resolve(alias.getKey()), staging.resolve(alias.getValue()));
			}
			for (String file : platform.files()) {
				if (file.startsWith("lib")) {
					ElfDependencyPatch.patch(staging.resolve(file), platform.unwanted(), REPLACEMENT);
				}
			}
			staging.resolve("ffmpeg").toFile().setExecutable(true, true);
			staging.resolve("ffprobe").toFile().setExecutable(true, true);
			publish(staging, target);
			log.info("Unpacked the bundled ffmpeg {} for {} into {}", VERSION, platform.classifier(), target);
			return target;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not unpack the bundled ffmpeg into " + cacheRoot, ex);
		}
	}

	private static void copy(String resource, Path file) throws IOException {
		try (InputStream in = BundledFfmpeg.class.getClassLoader().getResourceAsStream(resource)) {
			if (in == null) {
				throw new IOException("this jar lacks " + resource);
			}
			Files.copy(in, file);
		}
	}

	private static void publish(Path staging, Path target) throws IOException {
		try {
			Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (FileAlreadyExistsException | AtomicMoveNotSupportedException
				| java.nio.file.DirectoryNotEmptyException ex) {
			// Another process unpacked it first: use theirs.
			deleteTree(staging);
		}
	}

	private static void deleteTree(Path dir) throws IOException {
		try (var files = Files.list(dir)) {
			for (Path f : (Iterable<Path>) files::iterator) {
				Files.deleteIfExists(f);
			}
		}
		Files.deleteIfExists(dir);
	}

}
