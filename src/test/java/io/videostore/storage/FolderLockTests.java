package io.videostore.storage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

import io.videostore.system.FileModes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The output folders locked at start are created as the docs say ({@code 750} at most,
 * whatever the umask); a folder the user made keeps its mode.
 */
class FolderLockTests {

	@TempDir
	Path root;

	@BeforeEach
	void posix() {
		assumeTrue(FileModes.posix(this.root), "no POSIX permissions here");
	}

	@Test
	void anOutputFolderTheServiceCreatesIsClosedToOthers() throws Exception {
		Path videos = this.root.resolve("data").resolve("videos");

		try (FolderLock lock = FolderLock.acquire(List.of(videos))) {
			for (Path created : List.of(videos, videos.getParent())) {
				Set<PosixFilePermission> mode = Files.getPosixFilePermissions(created);
				assertThat(FileModes.GROUP_FOLDER).as("%s is %s", created, mode).containsAll(mode);
			}
		}
	}

	@Test
	void anOutputFolderTheUserMadeKeepsItsMode() throws Exception {
		Path videos = Files.createDirectory(this.root.resolve("videos"));
		Files.setPosixFilePermissions(videos, PosixFilePermissions.fromString("rwxr-xr-x"));

		try (FolderLock lock = FolderLock.acquire(List.of(videos))) {
			assertThat(Files.getPosixFilePermissions(videos)).isEqualTo(PosixFilePermissions.fromString("rwxr-xr-x"));
		}
	}

}
