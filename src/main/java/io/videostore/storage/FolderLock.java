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

/**
 * The output folders of one running service, locked ({@code .videostore.lock}) so that a
 * second service started on the same folders stops before it touches them: its start-up
 * recovery would otherwise take the first one's running recordings for a crash. The
 * operating system releases the lock when the process ends, even by {@code kill -9}.
 */
public final class FolderLock implements AutoCloseable {

	static final String FILE = ".videostore.lock";

	private final List<FileChannel> channels;

	private FolderLock(List<FileChannel> channels) {
		this.channels = channels;
	}

	/**
	 * Locks every folder, or none.
	 * @throws InUse when another process holds one of them
	 * @throws IOException when a lock file cannot be written
	 */
	public static FolderLock acquire(Collection<Path> folders) throws IOException {
		List<FileChannel> held = new ArrayList<>();
		try {
			for (Path folder : folders) {
				held.add(lock(folder));
			}
			return new FolderLock(held);
		}
		catch (IOException | RuntimeException ex) {
			new FolderLock(held).close();
			throw ex;
		}
	}

	private static FileChannel lock(Path folder) throws IOException {
		Files.createDirectories(folder);
		Path file = folder.resolve(FILE);
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
			throw new InUse(folder, holder);
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

	/** Another running service uses the folder. */
	public static final class InUse extends IOException {

		InUse(Path folder, String pid) {
			super("another Video Store Service" + (pid.matches("\\d+") ? " (pid " + pid + ")" : "") + " is using "
					+ folder.toAbsolutePath().normalize() + ": stop it first, or give this one another video.output");
		}

	}

}
