package io.videostore.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

import io.videostore.config.AppConfig;
import io.videostore.system.FileModes;
import org.springframework.stereotype.Component;

/**
 * Clip thumbnails kept on disk, one JPEG per clip id in
 * {@code <video.output>/.thumbnails}, named by the id alone so no request text ever
 * reaches a path. A new one is written beside its final name and moved there atomically:
 * a reader sees a whole JPEG or none.
 */
@Component
public class ThumbnailCache {

	static final String FOLDER = ".thumbnails";

	private final Path folder;

	ThumbnailCache(AppConfig config) {
		this.folder = config.video().output().resolve(FOLDER);
	}

	/** Writes a JPEG to the file it is given. */
	@FunctionalInterface
	public interface Maker {

		void make(Path target) throws IOException;

	}

	/** The cached thumbnail of a clip, if there is one. */
	public Optional<Path> find(long clipId) {
		Path file = file(clipId);
		return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
	}

	/**
	 * Makes a clip's thumbnail with the maker and caches it.
	 * @throws IOException when the maker fails or writes no JPEG (nothing is cached)
	 */
	public Path create(long clipId, Maker maker) throws IOException {
		FileModes.createFolders(this.folder, FileModes.GROUP_FOLDER);
		Path target = file(clipId);
		Path work = Files.createTempFile(this.folder, clipId + "-", ".jpg.part");
		try {
			maker.make(work);
			if (!isJpeg(work)) {
				throw new IOException("no JPEG was written");
			}
			try {
				Files.move(work, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			catch (AtomicMoveNotSupportedException ex) {
				Files.move(work, target, StandardCopyOption.REPLACE_EXISTING);
			}
			return target;
		}
		finally {
			Files.deleteIfExists(work);
		}
	}

	/** Forgets a clip's thumbnail (when the clip is gone everywhere). */
	public void delete(long clipId) throws IOException {
		Files.deleteIfExists(file(clipId));
	}

	private Path file(long clipId) {
		if (clipId < 1) {
			throw new IllegalArgumentException("not a clip id: " + clipId);
		}
		return this.folder.resolve(clipId + ".jpg");
	}

	private static boolean isJpeg(Path file) throws IOException {
		try (InputStream in = Files.newInputStream(file)) {
			byte[] head = in.readNBytes(2);
			return head.length == 2 && (head[0] & 0xff) == 0xFF && (head[1] & 0xff) == 0xD8;
		}
	}

}
