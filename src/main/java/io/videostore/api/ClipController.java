package io.videostore.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.time.Duration;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.videostore.clips.Clips;
import io.videostore.clips.search.AlarmClip;
import io.videostore.clips.search.AlarmSearch;
import io.videostore.storage.ClipDeleter;
import io.videostore.storage.ClipReader;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/clips/{id}}: a clip's video (with range requests, or a redirect to the
 * bucket), its thumbnail, deleting its local copy, and protecting it from retention.
 */
@RestController
@RequestMapping("/api/clips/{id}")
@Tag(name = "Clips", description = "The video clips recorded for alarms")
class ClipController {

	static final String DELETED_BY_USER = "deleted by a user";

	private final AlarmSearch search;

	private final Clips clips;

	private final ClipReader reader;

	private final ClipDeleter deleter;

	private final Thumbnails thumbnails;

	ClipController(AlarmSearch search, Clips clips, ClipReader reader, ClipDeleter deleter, Thumbnails thumbnails) {
		this.search = search;
		this.clips = clips;
		this.reader = reader;
		this.deleter = deleter;
		this.thumbnails = thumbnails;
	}

	@GetMapping("/video")
	@Operation(summary = "The clip's MP4, seekable with HTTP range requests; 307 to a presigned URL when it is "
			+ "only in the bucket")
	ResponseEntity<Resource> video(@PathVariable long id,
			@Parameter(description = "true: as a download (Content-Disposition: attachment)") @RequestParam(
					defaultValue = "false") boolean download,
			WebRequest request) throws IOException {
		AlarmClip clip = clip(id);
		ClipReader.Source source = this.reader.open(id).orElseThrow(() -> Videos.gone(clip));
		return Videos.answer(clip, source, download, request);
	}

	@GetMapping("/thumbnail")
	@Operation(summary = "A JPEG frame at the alarm's moment, made on first request and cached")
	ResponseEntity<byte[]> thumbnail(@PathVariable long id) throws IOException {
		Parameters.id("id", id);
		// The bytes, not a Resource: a few KB, and no Range handling, whose 416 would
		// carry
		// the whole file (see Videos).
		return ResponseEntity.ok()
			.contentType(MediaType.IMAGE_JPEG)
			.cacheControl(CacheControl.maxAge(Duration.ofDays(7)).cachePrivate())
			.eTag("\"thumbnail-" + id + "\"")
			.body(jpeg(id));
	}

	private byte[] jpeg(long id) throws IOException {
		try {
			return Files.readAllBytes(this.thumbnails.thumbnail(id));
		}
		catch (NoSuchFileException ex) {
			// Retention deleted the clip just now.
			throw new NotFoundException("clip", id);
		}
	}

	@DeleteMapping
	@Operation(summary = "Deletes the clip's local copy (a copy in the bucket stays); the index keeps the clip "
			+ "with the reason. Deleting it again changes nothing.")
	ClipState delete(@PathVariable long id) throws IOException {
		clip(id);
		this.deleter.delete(id, DELETED_BY_USER);
		return ClipState.of(clip(id));
	}

	@PutMapping("/protected")
	@Operation(summary = "Protects the clip from retention (true) or lets retention delete it again (false)",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
					content = @Content(schema = @Schema(example = "{\"protected\": true}",
							description = "{\"protected\": true|false}, or the boolean alone"))))
	ClipState protect(@PathVariable long id, @RequestBody JsonNode body) {
		clip(id);
		JsonNode value = body.isObject() ? body.path("protected") : body;
		if (!value.isBoolean()) {
			throw new BadParameterException("protected", "send {\"protected\": true} or {\"protected\": false}");
		}
		this.clips.setProtected(id, value.booleanValue());
		return ClipState.of(clip(id));
	}

	private AlarmClip clip(long id) {
		Parameters.id("id", id);
		return this.search.clip(id).orElseThrow(() -> new NotFoundException("clip", id)).clip();
	}

}
