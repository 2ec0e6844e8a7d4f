package io.videostore.system;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * The permissions of what the service writes, whatever the umask: the index, work files
 * and buffers are the owner's only; clips may also be read by the service's group, so an
 * administrator can share them without sharing the index. Modes are only ever narrowed,
 * never widened beyond what the umask gave. On file systems without POSIX permissions
 * nothing is changed.
 */
public final class FileModes {

	/** {@code rw-------}: the index database and its journals, work files. */
	public static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");

	/** {@code rwx------}: work folders ({@code .partial}, {@code .buffer}). */
	public static final Set<PosixFilePermission> OWNER_FOLDER = PosixFilePermissions.fromString("rwx------");

	/** {@code rw-r-----}: published clips. */
	public static final Set<PosixFilePermission> GROUP_FILE = PosixFilePermissions.fromString("rw-r-----");

	/** {@code rwxr-x---}: the output folder, when the service creates it. */
	public static final Set<PosixFilePermission> GROUP_FOLDER = PosixFilePermissions.fromString("rwxr-x---");

	private FileModes() {
	}

	/**
	 * Creates the folder and missing parents with at most these permissions; an existing
	 * folder is left as it is.
	 * @return the folder
	 */
	public static Path createFolders(Path folder, Set<PosixFilePermission> mode) throws IOException {
		if (!posix(folder)) {
			return Files.createDirectories(folder);
		}
		return Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(mode));
	}

	/**
	 * Creates an empty file with at most these permissions, unless it exists.
	 * @return true when it was created
	 */
	public static boolean createFile(Path file, Set<PosixFilePermission> mode) throws IOException {
		try {
			FileAttribute<?>[] attributes = posix(file.toAbsolutePath().getParent())
					? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(mode) } : new FileAttribute<?>[0];
			Files.createFile(file, attributes);
			return true;
		}
		catch (FileAlreadyExistsException ex) {
			return false;
		}
	}

	/**
	 * Takes away every permission not in {@code allowed} from an existing file or folder
	 * (a 0644 file and {@code rw-r-----} give 0640; a 0600 file stays 0600). Does nothing
	 * where there are no POSIX permissions, the file is gone or is someone else's.
	 * @return true when permissions were taken away
	 */
	public static boolean restrict(Path file, Set<PosixFilePermission> allowed) {
		if (!posix(file)) {
			return false;
		}
		try {
			Set<PosixFilePermission> current = Files.getPosixFilePermissions(file);
			Set<PosixFilePermission> narrowed = EnumSet.noneOf(PosixFilePermission.class);
			narrowed.addAll(current);
			narrowed.retainAll(allowed);
			if (narrowed.equals(current)) {
				return false;
			}
			Files.setPosixFilePermissions(file, narrowed);
			return true;
		}
		catch (IOException | UnsupportedOperationException ex) {
			return false;
		}
	}

	/** True when the file's file system has POSIX permissions. */
	public static boolean posix(Path file) {
		return file.getFileSystem().supportedFileAttributeViews().contains("posix");
	}

}
