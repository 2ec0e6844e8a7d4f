package io.videostore.ffmpeg;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Unpacks the ffmpeg and ffprobe executables shipped in {@code org.bytedeco:ffmpeg} (LGPL
 * build) into a per-version cache folder, so a machine with only a JDK can record.
 */
final class BundledFfmpeg {

	private static final Logger log = LoggerFactory.getLogger(BundledFfmpeg.class);

	/** Bump together with the bytedeco ffmpeg version in pom.xml. */
	static final String VERSION = "7.1.1-1.5.12";

	private static final String RESOURCES = "org/bytedeco/ffmpeg/linux-x86_64/";

	private static final List<String> FILES = List.of("ffmpeg", "ffprobe", "libavcodec.so.61", "libavdevice.so.61",
			"libavfilter.so.10", "libavformat.so.61", "libavutil.so.59", "libswresample.so.5", "libswscale.so.8",
			"libdrm.so.2", "libva.so", "libva-drm.so");

	private BundledFfmpeg() {
	}

	/**
	 * The folder holding the unpacked binaries, or empty when this platform has no
	 * bundled build.
	 */
	static Optional<Path> unpack(Path cacheRoot) {
		String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
		String arch = System.getProperty("os.arch", "");
		if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))
				|| BundledFfmpeg.class.getClassLoader().getResource(RESOURCES + "ffmpeg") == null) {
			return Optional.empty();
		}
		Path target = cacheRoot.resolve("ffmpeg-" + VERSION);
		if (Files.isExecutable(target.resolve("ffmpeg"))) {
			return Optional.of(target);
		}
		try {
			Files.createDirectories(cacheRoot);
			Path staging = Files.createTempDirectory(cacheRoot, ".ffmpeg-unpack-");
			for (String file : FILES) {
				copy(file, staging);
			}
			// The libraries ask for the versioned names of libva; the jar ships
			// unversioned ones.
			Files.copy(staging.resolve("libva.so"), staging.resolve("libva.so.2"));
			Files.copy(staging.resolve("libva-drm.so"), staging.resolve("libva-drm.so.2"));
			Path avdevice = staging.resolve("libavdevice.so.61");
			byte[] bytes = Files.readAllBytes(avdevice);
			if (ElfDependencyPatch.patch(bytes, "libdrm.so.2")) {
				Files.write(avdevice, bytes);
			}
			staging.resolve("ffmpeg").toFile().setExecutable(true, true);
			staging.resolve("ffprobe").toFile().setExecutable(true, true);
			publish(staging, target);
			log.info("Unpacked the bundled ffmpeg {} into {}", VERSION, target);
			return Optional.of(target);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not unpack the bundled ffmpeg into " + cacheRoot, ex);
		}
	}

	private static void copy(String file, Path dir) throws IOException {
		try (InputStream in = BundledFfmpeg.class.getClassLoader().getResourceAsStream(RESOURCES + file)) {
			if (in == null) {
				throw new IOException("the bundled ffmpeg lacks " + file);
			}
			Files.copy(in, dir.resolve(file));
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
