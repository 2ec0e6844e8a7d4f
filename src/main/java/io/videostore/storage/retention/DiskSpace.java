package io.videostore.storage.retention;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Free space where clips are written, and the floor below which no recording starts: a
 * disk that recordings fill up leaves no room for the index, and an alarm the index
 * cannot store is lost. Below the floor alarms are still stored, each with the reason
 * nothing was recorded.
 */
public final class DiskSpace {

	/** Below this much free space no recording starts. */
	public static final long RECORDING_FLOOR = 128L * 1024 * 1024;

	private final long floor;

	private final Consumer<Path> makeRoom;

	public DiskSpace() {
		this(RECORDING_FLOOR);
	}

	public DiskSpace(long floor) {
		this(floor, (dir) -> {
		});
	}

	/**
	 * @param makeRoom asked to free space in a folder (retention) before a recording is
	 * refused for want of it
	 */
	public DiskSpace(long floor, Consumer<Path> makeRoom) {
		this.floor = floor;
		this.makeRoom = makeRoom;
	}

	public long floor() {
		return this.floor;
	}

	/**
	 * Usable bytes on the file system holding {@code dir} (or its nearest existing
	 * parent); -1 when that cannot be read.
	 */
	public static long free(Path dir) {
		Path p = dir.toAbsolutePath();
		while (p != null && !Files.exists(p)) {
			p = p.getParent();
		}
		try {
			return (p != null) ? Files.getFileStore(p).getUsableSpace() : -1;
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

	/**
	 * Why a recording into {@code dir} must not start, such as
	 * {@code disk full: 90 MB free on /videos, no recording starts below 128 MB}; empty
	 * when it may.
	 */
	public Optional<String> refusal(Path dir) {
		long free = free(dir);
		if (free < 0 || free >= this.floor) {
			return Optional.empty();
		}
		this.makeRoom.accept(dir);
		free = free(dir);
		if (free < 0 || free >= this.floor) {
			return Optional.empty();
		}
		return Optional.of(full(dir, free) + ", no recording starts below " + size(this.floor));
	}

	/**
	 * {@code disk full: 3 MB free on /videos}, for a write that failed for want of space.
	 */
	public static String full(Path dir) {
		return full(dir, free(dir));
	}

	private static String full(Path dir, long free) {
		return "disk full: " + size(free) + " free on " + dir.toAbsolutePath().normalize();
	}

	/**
	 * ffmpeg rarely says "No space left on device": a full disk mostly reads as "at least
	 * one of its streams received no packets". So a write that failed on a disk with less
	 * than this left counts as a full disk.
	 */
	static final long NEARLY_FULL = 16L * 1024 * 1024;

	/**
	 * True when a write into {@code dir} that failed with this text failed for want of
	 * space: the text says so, or the disk is (nearly) full now.
	 */
	public static boolean filledUp(Path dir, String text) {
		if (saysFull(text)) {
			return true;
		}
		long free = free(dir);
		return free >= 0 && free < NEARLY_FULL;
	}

	/**
	 * What to tell about a write into {@code dir} that failed with {@code text}: that the
	 * disk is full, when it is, else the text.
	 */
	public static String explain(Path dir, String text) {
		return filledUp(dir, text) ? full(dir) : text;
	}

	/** True when ffmpeg's or an exception's text says the disk was full. */
	public static boolean saysFull(String text) {
		return text != null && (text.toLowerCase(Locale.ROOT).contains("no space left") || text.contains("SQLITE_FULL")
				|| text.contains("database or disk is full"));
	}

	/**
	 * A size as people read it, never rounded to nothing: {@code 300 bytes},
	 * {@code 512 KB}, {@code 1.5 MB}, {@code 90 MB} (whole megabytes from 10 MB, as
	 * {@code min_free_bytes} and the floor are written; units of 1024).
	 */
	public static String size(long bytes) {
		if (bytes < 0) {
			return "?";
		}
		if (bytes < 1024) {
			return bytes + ((bytes == 1) ? " byte" : " bytes");
		}
		if (bytes < 1024 * 1024) {
			return oneDecimal(bytes / 1024.0) + " KB";
		}
		double mb = bytes / (1024.0 * 1024);
		return ((mb < 10) ? oneDecimal(mb) : String.valueOf(bytes / (1024 * 1024))) + " MB";
	}

	/** {@code 1.5}, or {@code 512} for a whole number; at most 999.9. */
	private static String oneDecimal(double value) {
		// Down, as the whole megabytes are: never more than there is.
		return java.math.BigDecimal.valueOf(value)
			.setScale(1, java.math.RoundingMode.DOWN)
			.stripTrailingZeros()
			.toPlainString();
	}

}
