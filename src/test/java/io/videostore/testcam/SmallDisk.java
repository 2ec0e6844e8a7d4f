package io.videostore.testcam;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.videostore.storage.retention.DiskSpace;
import org.junit.jupiter.api.Assumptions;

/**
 * A real, small file system (a tmpfs mounted on a test's folder) that tests fill up: the
 * only way to see what ENOSPC does to SQLite, ffmpeg and the service. Mounting needs
 * root; elsewhere the test is skipped with the reason, unless
 * {@code VIDEOSTORE_REQUIRE_SMALL_DISK} is set (as {@code .ci/run} does as root), when it
 * fails.
 */
public final class SmallDisk implements AutoCloseable {

	private final Path dir;

	private final Path filler;

	private SmallDisk(Path dir) {
		this.dir = dir;
		this.filler = dir.resolve("filler.bin");
	}

	/** Mounts a tmpfs of {@code megabytes} on {@code dir} (which must be empty). */
	public static SmallDisk mount(Path dir, int megabytes) throws IOException, InterruptedException {
		String why = run(
				List.of("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m,mode=0700", "tmpfs", dir.toString()));
		if (why != null) {
			String message = "cannot mount a " + megabytes + " MB tmpfs (needs root): " + why;
			if (System.getenv("VIDEOSTORE_REQUIRE_SMALL_DISK") != null) {
				throw new IllegalStateException(message);
			}
			Assumptions.abort(message);
		}
		return new SmallDisk(dir);
	}

	public Path path() {
		return this.dir;
	}

	public long free() {
		return DiskSpace.free(this.dir);
	}

	/** Fills the disk until only about {@code bytes} are free (0: full). */
	public void fillLeaving(long bytes) throws IOException {
		byte[] chunk = new byte[64 * 1024];
		try (OutputStream out = Files.newOutputStream(this.filler, java.nio.file.StandardOpenOption.CREATE,
				java.nio.file.StandardOpenOption.APPEND)) {
			long left = free() - bytes;
			while (left > 0) {
				int n = (int) Math.min(chunk.length, left);
				out.write(chunk, 0, n);
				left -= n;
			}
			out.flush();
		}
		catch (IOException ex) {
			if (bytes > 0) {
				throw ex;
			}
			// Full, as asked.
		}
	}

	/** Frees what {@link #fillLeaving} took. */
	public void release() throws IOException {
		Files.deleteIfExists(this.filler);
	}

	@Override
	public void close() throws IOException, InterruptedException {
		if (run(List.of("umount", this.dir.toString())) != null) {
			run(List.of("umount", "-l", this.dir.toString()));
		}
	}

	/** Null when the command succeeded, else what it said. */
	private static String run(List<String> command) throws IOException, InterruptedException {
		Process p;
		try {
			p = new ProcessBuilder(command).redirectErrorStream(true).start();
		}
		catch (IOException ex) {
			return ex.getMessage();
		}
		String out = new String(p.getInputStream().readAllBytes()).strip();
		if (!p.waitFor(30, TimeUnit.SECONDS)) {
			p.destroyForcibly();
			return "timed out";
		}
		return (p.exitValue() == 0) ? null : out;
	}

}
