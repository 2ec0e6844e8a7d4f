package io.videostore.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.videostore.clips.search.AlarmSearch;
import io.videostore.config.AppConfig;
import io.videostore.ffmpeg.FfmpegBinaries;
import io.videostore.ffmpeg.FfmpegCommand;
import io.videostore.ffmpeg.FfmpegLocator;
import io.videostore.ffmpeg.ShortJob;
import io.videostore.storage.ClipReader;
import io.videostore.storage.ThumbnailCache;
import io.videostore.system.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A clip's thumbnail: the frame at its alarm's moment, made once by ffmpeg from wherever
 * the clip is (its file, or a copy fetched from its presigned URL) and then served from
 * the cache. At most two are made at a time, so a list full of new clips cannot take
 * every core from the recordings; concurrent requests for one clip wait for the one being
 * made.
 */
@Component
class Thumbnails {

	private static final Logger log = LoggerFactory.getLogger(Thumbnails.class);

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	/** The last frames may not decode alone: stay this far before the end. */
	private static final double END_MARGIN = 0.5;

	private final AlarmSearch search;

	private final ClipReader reader;

	private final ThumbnailCache cache;

	private final FfmpegLocator locator;

	private final AppConfig config;

	private final Semaphore makers = new Semaphore(2);

	private final Map<Long, Object> locks = new ConcurrentHashMap<>();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	Thumbnails(AlarmSearch search, ClipReader reader, ThumbnailCache cache, FfmpegLocator locator, AppConfig config) {
		this.search = search;
		this.reader = reader;
		this.cache = cache;
		this.locator = locator;
		this.config = config;
	}

	/** The clip's thumbnail, made now if it is not cached yet. */
	Path thumbnail(long clipId) {
		Path cached = this.cache.find(clipId).orElse(null);
		if (cached != null) {
			return cached;
		}
		AlarmSearch.ClipOfAlarm clip = this.search.clip(clipId)
			.orElseThrow(() -> new NotFoundException("clip", clipId));
		Object lock = this.locks.computeIfAbsent(clipId, (id) -> new Object());
		try {
			synchronized (lock) {
				return this.cache.find(clipId).orElseGet(() -> make(clip));
			}
		}
		finally {
			this.locks.remove(clipId, lock);
		}
	}

	private Path make(AlarmSearch.ClipOfAlarm clip) {
		long id = clip.clip().id();
		ClipReader.Source source = this.reader.open(id).orElseThrow(() -> Videos.gone(clip.clip()));
		Double at = ClipItem.offset(clip.clip(), clip.alarmAt());
		double offset = Math.max(0, Math.min((at != null) ? at : 0, clip.clip().durationSeconds() - END_MARGIN));
		try {
			if (!this.makers.tryAcquire(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
				throw new Busy();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new Busy();
		}
		try {
			FfmpegBinaries ffmpeg = this.locator.locate(this.config.video().ffmpegPath());
			return this.cache.create(id, (target) -> {
				if (source instanceof ClipReader.LocalFile f) {
					frame(ffmpeg, f.file(), offset, target);
					return;
				}
				// Downloaded beside the thumbnail, not read by URL: a presigned URL in
				// ffmpeg's arguments would show in ps to every user for its 15 minutes.
				Path copy = target.resolveSibling(target.getFileName() + ".mp4");
				try {
					download(((ClipReader.RemoteUrl) source).url(), copy);
					frame(ffmpeg, copy, offset, target);
				}
				finally {
					Files.deleteIfExists(copy);
				}
			});
		}
		catch (IOException | RuntimeException ex) {
			log.warn("No thumbnail for clip {}: {}", id, ex.getMessage());
			throw new Failed(id);
		}
		finally {
			this.makers.release();
		}
	}

	/** The frame at the offset, or the first one when that gives none. */
	private static void frame(FfmpegBinaries ffmpeg, Path input, double offset, Path target) throws IOException {
		ShortJob.Result r = ShortJob.run(FfmpegCommand.thumbnail(ffmpeg, input.toString(), offset, target),
				ffmpeg.environment(), TIMEOUT);
		if (r.exitCode() != 0 || Files.size(target) == 0) {
			ShortJob.runOrThrow(ffmpeg, FfmpegCommand.thumbnail(ffmpeg, input.toString(), 0, target), TIMEOUT);
		}
	}

	private void download(URI url, Path file) throws IOException {
		HttpRequest request = HttpRequest.newBuilder(url).timeout(TIMEOUT).build();
		try {
			HttpResponse<Path> r = this.http.send(request, HttpResponse.BodyHandlers.ofFile(file));
			if (r.statusCode() != 200) {
				throw new IOException("the bucket answered " + r.statusCode());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted", ex);
		}
	}

	/** 503 while two thumbnails are being made for longer than the wait. */
	static class Busy extends ApiException {

		Busy() {
			super(503, "Busy", "thumbnails are being made; try again in a moment", Map.of());
		}

		@Override
		public Map<String, String> headers() {
			return Map.of("Retry-After", "5");
		}

	}

	/** 500 for a clip ffmpeg could not take a frame from. */
	static class Failed extends ApiException {

		Failed(long clipId) {
			super(500, "Thumbnail failed", "no frame could be taken from clip " + clipId + "; the service log says why",
					Map.of("clip", clipId));
		}

	}

}
