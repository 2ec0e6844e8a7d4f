package io.videostore.recording.preroll.buffer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

import io.videostore.system.FileModes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Footage an earlier run left in a camera's buffer folder is set aside in a folder only
 * the service's user can open, as the buffer folder itself.
 */
class SegmentBufferTests {

	@TempDir
	Path root;

	@Test
	void leftFootageIsSetAsideInAFolderOnlyTheOwnerCanOpen() throws Exception {
		assumeTrue(FileModes.posix(this.root), "no POSIX permissions here");
		Path folder = FileModes.createFolders(this.root.resolve(".buffer").resolve("demo"), FileModes.OWNER_FOLDER);
		Files.write(folder.resolve("seg-00001.mkv"), new byte[] { 1 });

		assertThat(SegmentBuffer.keepLeftovers(folder)).isEqualTo(1);

		Set<PosixFilePermission> mode = Files.getPosixFilePermissions(folder.resolve(LeftFootage.FOLDER));
		assertThat(FileModes.OWNER_FOLDER).as("previous/ is %s", mode).containsAll(mode);
	}

}
