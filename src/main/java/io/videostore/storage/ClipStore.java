package io.videostore.storage;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.springframework.stereotype.Component;

/**
 * Puts finished, verified clips under their final names in the output folder. A final
 * name only ever holds a complete file (work in progress lives in {@code .partial/}), and
 * an existing clip is never overwritten: a taken name gets {@code _2}, {@code _3}, …
 * instead.
 */
@Component
public class ClipStore {

	/** Work in progress, inside each output folder. */
	public static final String PARTIAL_DIR = ".partial";

	/**
	 * The folder for work in progress inside an output folder (same file system, so
	 * publishing is atomic).
	 */
	public Path partialDir(Path outputDir) throws IOException {
		return Files.createDirectories(outputDir.resolve(PARTIAL_DIR));
	}

	/**
	 * Publishes a finished file under the first free variant of {@code name} and removes
	 * the source.
	 * @return the final path
	 */
	public Path store(Path finished, Path outputDir, String name) throws IOException {
		Files.createDirectories(outputDir);
		boolean video = name.endsWith(".mp4") || name.endsWith(".mkv");
		String stem = video ? name.substring(0, name.length() - 4) : name;
		String ext = video ? name.substring(name.length() - 4) : "";
		for (int n = 1; n < 10_000; n++) {
			Path target = outputDir.resolve((n == 1) ? stem + ext : stem + "_" + n + ext);
			if (claim(finished, target)) {
				return target;
			}
		}
		throw new IOException("no free file name for " + name + " in " + outputDir);
	}

	/**
	 * Atomically takes a name if it is free: a hard link fails when the name exists,
	 * unlike a rename.
	 */
	private boolean claim(Path finished, Path target) throws IOException {
		try {
			Files.createLink(target, finished);
		}
		catch (FileAlreadyExistsException ex) {
			return false;
		}
		catch (UnsupportedOperationException | IOException ex) {
			return claimByRename(finished, target);
		}
		Files.delete(finished);
		return true;
	}

	/**
	 * For file systems without hard links: check, then rename, serialized within this
	 * process.
	 */
	private static synchronized boolean claimByRename(Path finished, Path target) throws IOException {
		if (Files.exists(target)) {
			return false;
		}
		Files.move(finished, target, StandardCopyOption.ATOMIC_MOVE);
		return true;
	}

}
