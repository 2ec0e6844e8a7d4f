package io.videostore.storage;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.videostore.clips.ClipView;
import io.videostore.clips.Clips;
import io.videostore.clips.UploadOutbox;
import org.springframework.stereotype.Component;

/**
 * Opens a clip for reading wherever it lives, so no caller needs to know: its local file
 * while there is one, else a short-lived presigned URL of its copy in the bucket.
 */
@Component
public class ClipReader {

	/** How long a presigned URL reads the object. */
	static final Duration PRESIGNED_FOR = Duration.ofMinutes(15);

	private final Clips clips;

	private final UploadOutbox uploads;

	private final Uploader uploader;

	ClipReader(Clips clips, UploadOutbox uploads, Uploader uploader) {
		this.clips = clips;
		this.uploads = uploads;
		this.uploader = uploader;
	}

	/** Where a clip can be read from. */
	public sealed interface Source permits LocalFile, RemoteUrl {

	}

	/** On this disk. */
	public record LocalFile(Path file) implements Source {
	}

	/** In the bucket, readable without credentials until the URL expires. */
	public record RemoteUrl(URI url, Duration validFor) implements Source {
	}

	/** Empty when the clip is gone everywhere (or the bucket is not configured now). */
	public Optional<Source> open(long clipId) {
		Optional<ClipView> clip = this.clips.clip(clipId);
		if (clip.isEmpty()) {
			return Optional.empty();
		}
		Path file = Path.of(clip.get().path());
		if (("local".equals(clip.get().location()) || "both".equals(clip.get().location()))
				&& this.clips.clipIsHere(clipId) && Files.exists(file)) {
			return Optional.of(new LocalFile(file));
		}
		Optional<String> key = this.uploads.uploadedKey(clipId);
		if (key.isEmpty()) {
			return Optional.empty();
		}
		return this.uploader.presignedGet(key.get(), PRESIGNED_FOR).map((url) -> new RemoteUrl(url, PRESIGNED_FOR));
	}

}
