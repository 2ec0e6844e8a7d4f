package io.videostore.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.videostore.system.FileModes;

/**
 * The output folders of one running service, locked ({@code .videostore.lock}) so that a
 * second service started on the same folders stops before it touches them: its start-up
 * recovery would otherwise take the first one's running recordings for a crash. A SQLite
 * index elsewhere is locked too ({@code <file>.lock} beside it), so that two services
 * with different folders cannot share one. The operating system releases the locks when
 * the process ends, even by {@code kill -9}.
 */
public final class FolderLock implements AutoCloseable {

	static final String FILE = ".videostore.lock";

	private final List<FileChannel> channels;

	private FolderLock(List<FileChannel> channels) {
		this.channels = channels;
	}

	/**
	 * Locks every folder, or none.
	 * @throws InUse when another service holds one of them
	 * @throws IOException when a lock file cannot be written
	 */
	public static FolderLock acquire(Collection<Path> folders) throws IOException {
		return acquire(folders, null);
	}

	/**
	 * Locks every folder and the SQLite index file (when not null), or nothing.
	 * @throws InUse when another service holds one of them
	 * @throws IOException when a lock file cannot be written
	 */
	public static FolderLock acquire(Collection<Path> folders, Path sqliteIndex) throws IOException {
		List<FileChannel> held = new ArrayList<>();
		try {
			for (Path folder : folders) {
				// The first to create an output folder, so it is created as ClipStore
				// would.
				FileModes.createFolders(folder, FileModes.GROUP_FOLDER);
				held.add(lock(folder.resolve(FILE), folder, "video.output"));
			}
			if (sqliteIndex != null) {
				// The folder as the index would create it (IndexDatabase): not readable
				// by others.
				FileModes.createFolders(sqliteIndex.toAbsolutePath().getParent(), FileModes.GROUP_FOLDER);
				held.add(lock(sqliteIndex.resolveSibling(sqliteIndex.getFileName() + ".lock"), sqliteIndex,
						"database.url"));
			}
			return new FolderLock(held);
		}
		catch (IOException | RuntimeException ex) {
			new FolderLock(held).close();
			throw ex;
		}
	}

	private static FileChannel lock(Path file, Path guarded, String key) throws IOException {
		FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
				StandardOpenOption.WRITE);
		FileLock lock;
		try {
			lock = channel.tryLock();
		}
		catch (IOException | RuntimeException ex) {
			channel.close();
			throw ex;
		}
		if (lock == null) {
			String holder = Files.readString(file, StandardCharsets.UTF_8).strip();
			channel.close();
			throw new InUse(guarded, holder, key);
		}
		channel.truncate(0);
		channel.write(ByteBuffer.wrap(String.valueOf(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)));
		channel.force(false);
		return channel;
	}

	@Override
	public void close() {
		for (FileChannel c : this.channels) {
			try {
				c.close();
			}
			catch (IOException ex) {
				// Released when the process ends anyway.
			}
		}
	}

	/** Another running service uses the folder or the index. */
	public static final class InUse extends IOException {

		InUse(Path guarded, String pid, String key) {
			super("another Video Store Service" + (pid.matches("\\d+") ? " (pid " + pid + ")" : "") + " is using "
					+ (key.equals("database.url") ? "the index database " : "") + guarded.toAbsolutePath().normalize()
					+ ": stop it first, or give this one another " + key);
		}

	}

}
