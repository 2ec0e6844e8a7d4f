package io.videostore.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;

import io.videostore.clips.search.AlarmClip;
import io.videostore.storage.ClipReader;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The answer for a clip's video: its local file as a {@link Resource}, whose byte ranges
 * Spring MVC serves itself (206 with {@code Content-Range}, 416 with
 * {@code bytes *}{@code /size} for a range it cannot satisfy, HEAD, conditional requests
 * on the ETag and Last-Modified), or a redirect to the presigned URL of its copy in the
 * bucket.
 */
final class Videos {

	static final MediaType MP4 = MediaType.parseMediaType("video/mp4");

	private Videos() {
	}

	static ResponseEntity<Resource> answer(AlarmClip clip, ClipReader.Source source, boolean download)
			throws IOException {
		if (source instanceof ClipReader.LocalFile f) {
			return local(clip, f.file(), download);
		}
		return ResponseEntity.status(HttpStatus.TEMPORARY_REDIRECT)
			.location(((ClipReader.RemoteUrl) source).url())
			.cacheControl(CacheControl.noStore())
			.build();
	}

	private static ResponseEntity<Resource> local(AlarmClip clip, Path file, boolean download) throws IOException {
		long size = Files.size(file);
		FileTime modified = Files.getLastModifiedTime(file);
		ContentDisposition disposition = (download ? ContentDisposition.attachment() : ContentDisposition.inline())
			.filename(clip.fileName())
			.build();
		return ResponseEntity.ok()
			.contentType(MP4)
			.eTag("\"clip-" + clip.id() + "-" + size + "-" + modified.toMillis() + "\"")
			.lastModified(modified.toMillis())
			.cacheControl(CacheControl.maxAge(Duration.ofHours(1)).cachePrivate())
			.header(HttpHeaders.ACCEPT_RANGES, "bytes")
			.header(HttpHeaders.CONTENT_DISPOSITION, disposition.toString())
			.body(new FileSystemResource(file));
	}

	/** 404 for a clip whose video is stored nowhere now. */
	static NotFoundException gone(AlarmClip clip) {
		String why = (clip.deletedReason() != null) ? ": " + clip.deletedReason() : "";
		return new NotFoundException("clip", clip.id(), "clip " + clip.id() + " is no longer stored" + why);
	}

}
