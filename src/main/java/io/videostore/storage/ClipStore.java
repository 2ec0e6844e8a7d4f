package io.videostore.storage;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;

import io.videostore.system.FileModes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Puts finished, verified clips under their final names in the output folder. A final
 * name only ever holds a complete file (work in progress lives in {@code .partial/}), and
 * an existing clip is never overwritten: a taken name gets {@code _2}, {@code _3}, …
 * instead. A name the file system refuses (too long, bytes it cannot encode) never costs
 * the clip: it is published under a name made without the device name.
 * <p>
 * Published clips are readable by their owner and group only, and work in progress by the
 * owner only, whatever the umask ({@link FileModes}).
 */
@Component
public class ClipStore {

	private static final Logger log = LoggerFactory.getLogger(ClipStore.class);

	/** Work in progress, inside each output folder. */
	public static final String PARTIAL_DIR = ".partial";

	private final Clock clock;

	public ClipStore(Clock clock) {
		this.clock = clock;
	}

	/**
	 * The folder for work in progress inside an output folder (same file system, so
	 * publishing is atomic).
	 */
	public Path partialDir(Path outputDir) throws IOException {
		createOutputFolder(outputDir);
		Path partial = FileModes.createFolders(outputDir.resolve(PARTIAL_DIR), FileModes.OWNER_FOLDER);
		// One made by an earlier version may still be open to everyone.
		FileModes.restrict(partial, FileModes.OWNER_FOLDER);
		return partial;
	}

	/**
	 * Publishes a finished file under the first free variant of {@code name} and removes
	 * the source. When the file system refuses the name itself, publishes it under
	 * {@link ClipNames#fallback} instead and says so in a warning.
	 * @return the final path
	 * @throws IOException when the clip cannot be published under any name
	 */
	public Path store(Path finished, Path outputDir, String name) throws IOException {
		createOutputFolder(outputDir);
		// Before the final name exists, so the clip is never readable by others there.
		FileModes.restrict(finished, FileModes.GROUP_FILE);
		try {
			return storeAs(finished, outputDir, name);
		}
		catch (InvalidPathException | FileSystemException ex) {
			String fallback = ClipNames.fallback(name, this.clock.instant());
			Path stored;
			try {
				stored = storeAs(finished, outputDir, fallback);
			}
			catch (IOException | RuntimeException again) {
				again.addSuppressed(ex);
				throw again;
			}
			log.warn("Clip could not be published as '{}' ({}): published as {} instead", printable(name),
					printable(reason(ex)), stored);
			return stored;
		}
	}

	private Path storeAs(Path finished, Path outputDir, String name) throws IOException {
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

	private static void createOutputFolder(Path outputDir) throws IOException {
		FileModes.createFolders(outputDir, FileModes.GROUP_FOLDER);
	}

	private static String reason(Exception ex) {
		return (ex instanceof FileSystemException fs && fs.getReason() != null) ? fs.getReason() : ex.getMessage();
	}

	/** Control characters escaped, so a device name cannot forge log lines. */
	private static String printable(String text) {
		StringBuilder sb = new StringBuilder();
		text.codePoints()
			.forEach((c) -> sb.append(Character.isISOControl(c) ? String.format("\\u%04x", c) : Character.toString(c)));
		return sb.toString();
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
