package io.videostore.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import io.videostore.clips.search.AlarmClip;
import io.videostore.storage.ClipReader;
import org.springframework.core.io.InputStreamResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.context.request.WebRequest;

/**
 * The answer for a clip's video: its local file, whole or one byte range of it (206 with
 * {@code Content-Range}; 416 with {@code bytes *}{@code /size} and no body for a range
 * past its end; a broken, multiple or outdated {@code If-Range} range is ignored), with
 * HEAD and conditional requests on the ETag and Last-Modified; or a redirect to the
 * presigned URL of its copy in the bucket.
 */
final class Videos {

	static final MediaType MP4 = MediaType.parseMediaType("video/mp4");

	private Videos() {
	}

	/**
	 * The response, or null when a precondition already answered it (304 or 412, as
	 * {@link WebRequest#checkNotModified(String, long)} has it).
	 */
	static ResponseEntity<Resource> answer(AlarmClip clip, ClipReader.Source source, boolean download,
			WebRequest request) throws IOException {
		if (source instanceof ClipReader.LocalFile f) {
			return local(clip, f.file(), download, request);
		}
		return ResponseEntity.status(HttpStatus.TEMPORARY_REDIRECT)
			.location(((ClipReader.RemoteUrl) source).url())
			.cacheControl(CacheControl.noStore())
			.build();
	}

	// Ranges are answered here, not by Spring MVC: for a Resource body it answers a
	// range past the end with a 416 that carries the whole file, "bytes=" with an empty
	// 206, and a range RFC 9110 says to ignore with a 416. So every body is an
	// InputStreamResource, the one Resource type it leaves alone, with Content-Length
	// and Content-Range set here. (A ResourceRegion body finds its converter only in a
	// method declared to return ResponseEntity<ResourceRegion>, which the whole file
	// cannot be.)
	private static ResponseEntity<Resource> local(AlarmClip clip, Path file, boolean download, WebRequest request)
			throws IOException {
		long size = Files.size(file);
		long modified = Files.getLastModifiedTime(file).toMillis();
		String etag = "\"clip-" + clip.id() + "-" + size + "-" + modified + "\"";
		// Preconditions before the range (RFC 9110 §13.2.2); this also sets the ETag and
		// Last-Modified of every answer below.
		if (request.checkNotModified(etag, modified)) {
			return null;
		}
		Optional<ByteRange> range = range(request, etag, modified);
		if (range.isPresent() && !range.get().satisfiable(size)) {
			return ResponseEntity.status(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
				.header(HttpHeaders.ACCEPT_RANGES, "bytes")
				.header(HttpHeaders.CONTENT_RANGE, "bytes */" + size)
				.build();
		}
		ContentDisposition disposition = (download ? ContentDisposition.attachment() : ContentDisposition.inline())
			.filename(clip.fileName())
			.build();
		ResponseEntity.BodyBuilder answer = ResponseEntity
			.status(range.isPresent() ? HttpStatus.PARTIAL_CONTENT : HttpStatus.OK)
			.contentType(MP4)
			.cacheControl(CacheControl.maxAge(Duration.ofHours(1)).cachePrivate())
			.header(HttpHeaders.ACCEPT_RANGES, "bytes")
			.header(HttpHeaders.CONTENT_DISPOSITION, disposition.toString());
		if (range.isEmpty()) {
			return answer.contentLength(size).body(new InputStreamResource(() -> Files.newInputStream(file)));
		}
		long start = range.get().start(size);
		long end = range.get().end(size);
		return answer.contentLength(end - start + 1)
			.header(HttpHeaders.CONTENT_RANGE, "bytes " + start + "-" + end + "/" + size)
			.body(new InputStreamResource(() -> FileSlice.open(file, start, end - start + 1)));
	}

	/**
	 * The single range asked for, unless there is none to honour: no or a broken
	 * {@code Range} (or several), or an {@code If-Range} for another version of the file.
	 */
	private static Optional<ByteRange> range(WebRequest request, String etag, long modified) {
		String[] values = request.getHeaderValues(HttpHeaders.RANGE);
		if (values == null || values.length != 1
				|| !sameVersion(request.getHeader(HttpHeaders.IF_RANGE), etag, modified)) {
			return Optional.empty();
		}
		return ByteRange.parse(values[0]);
	}

	/**
	 * {@code If-Range} (RFC 9110 §13.1.5): absent, the same strong ETag, or exactly the
	 * Last-Modified date.
	 */
	private static boolean sameVersion(String ifRange, String etag, long modified) {
		if (ifRange == null) {
			return true;
		}
		if (ifRange.startsWith("\"") || ifRange.startsWith("W/")) {
			return ifRange.equals(etag);
		}
		try {
			long seconds = ZonedDateTime.parse(ifRange, DateTimeFormatter.RFC_1123_DATE_TIME).toEpochSecond();
			return seconds == modified / 1000;
		}
		catch (DateTimeParseException ex) {
			return false;
		}
	}

	/** 404 for a clip whose video is stored nowhere now. */
	static NotFoundException gone(AlarmClip clip) {
		String why = (clip.deletedReason() != null) ? ": " + clip.deletedReason() : "";
		return new NotFoundException("clip", clip.id(), "clip " + clip.id() + " is no longer stored" + why);
	}

}
