package io.videostore.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

import io.videostore.clips.ClipView;
import io.videostore.clips.Clips;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Deletes a clip's local copy when someone asks: the file goes, the index keeps the clip
 * with the reason, and a clip uploaded before stays in the bucket (location
 * {@code cloud}). A clip whose local copy is already gone is left as it is.
 */
@Component
public class ClipDeleter {

	private static final Logger log = LoggerFactory.getLogger(ClipDeleter.class);

	private final Clips clips;

	private final ThumbnailCache thumbnails;

	private final Clock clock;

	ClipDeleter(Clips clips, ThumbnailCache thumbnails, Clock clock) {
		this.clips = clips;
		this.thumbnails = thumbnails;
		this.clock = clock;
	}

	/**
	 * Deletes the local copy; returns the clip as it is afterwards, or empty when there
	 * is no such clip.
	 * @throws IOException when the file cannot be deleted (the index is unchanged)
	 */
	public Optional<ClipView> delete(long clipId, String reason) throws IOException {
		Optional<ClipView> clip = this.clips.clip(clipId);
		if (clip.isEmpty()) {
			return clip;
		}
		String location = clip.get().location();
		if ("local".equals(location) || "both".equals(location)) {
			Path file = Path.of(clip.get().path());
			boolean existed = Files.deleteIfExists(file);
			try {
				this.clips.localCopyDeleted(clipId, existed ? reason : reason + " (the file was already gone)",
						this.clock.instant());
				log.info("Clip {} ({}) deleted: {}", clipId, file.getFileName(), reason);
			}
			catch (IllegalArgumentException ex) {
				// Retention deleted it a moment ago: it is gone either way.
			}
		}
		Optional<ClipView> after = this.clips.clip(clipId);
		if (after.isPresent() && "deleted".equals(after.get().location())) {
			this.thumbnails.delete(clipId);
		}
		return after;
	}

}
