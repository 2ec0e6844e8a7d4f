package io.videostore.storage.retention;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

import io.micrometer.core.instrument.MeterRegistry;
import io.videostore.clips.AlarmIndex;
import io.videostore.clips.LocalClip;
import io.videostore.config.RetentionConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each output folder a bounded cache ({@code storage.retention}): local copies
 * older than {@code max_age} go, then the oldest while the folder's clips take more than
 * {@code max_bytes}, then the oldest while its disk has less than {@code min_free_bytes}
 * free. Clips with a copy in the cloud go first; a clip only on this disk goes for age or
 * size only when nothing is uploaded anyway (no bucket configured), and otherwise only
 * under the free-space floor, each with a WARN line: a full disk would lose the next
 * alarms. A protected clip never goes. The index keeps every clip row, with where it
 * lives now and why its local copy went.
 */
final class Retention {

	private static final Logger log = LoggerFactory.getLogger(Retention.class);

	/** How many of the newest alarms keep their whole payload. */
	static final long WHOLE_PAYLOADS = 100_000;

	private final RetentionConfig config;

	private final boolean uploads;

	private final AlarmIndex index;

	private final Clock clock;

	private final ToLongFunction<Path> freeSpace;

	private final MeterRegistry metrics;

	/**
	 * @param uploads true when clips are uploaded (a bucket is configured)
	 * @param freeSpace usable bytes on the disk of a folder
	 */
	public Retention(RetentionConfig config, boolean uploads, AlarmIndex index, Clock clock,
			ToLongFunction<Path> freeSpace, MeterRegistry metrics) {
		this.config = config;
		this.uploads = uploads;
		this.index = index;
		this.clock = clock;
		this.freeSpace = freeSpace;
		this.metrics = metrics;
	}

	/** A local copy deleted, and why. */
	public record Deleted(LocalClip clip, String reason) {
	}

	/**
	 * What health shows: deletions since start by limit, the last one and why, and a
	 * warning while the disk stays under {@code min_free_bytes} with nothing left to
	 * delete.
	 */
	public record Status(Instant lastSweep, Map<String, Long> deletedByLimit, Deleted lastDeleted,
			Instant lastDeletedAt, String warning) {
	}

	private final Map<String, Long> deletedByLimit = new java.util.concurrent.ConcurrentSkipListMap<>();

	private volatile Instant lastSweep;

	private volatile Deleted lastDeleted;

	private volatile Instant lastDeletedAt;

	private volatile String warning;

	public Status status() {
		return new Status(this.lastSweep, Map.copyOf(this.deletedByLimit), this.lastDeleted, this.lastDeletedAt,
				this.warning);
	}

	/** One pass over every folder with local clips; returns what was deleted. */
	public List<Deleted> sweep() {
		Map<Path, List<LocalClip>> byFolder = new LinkedHashMap<>();
		for (LocalClip clip : this.index.localClips()) {
			Path folder = clip.path().toAbsolutePath().getParent();
			byFolder.computeIfAbsent(folder, (f) -> new ArrayList<>()).add(clip);
		}
		List<Deleted> deleted = new ArrayList<>();
		this.warning = null;
		byFolder.forEach((folder, clips) -> sweep(folder, clips, deleted));
		trimPayloads();
		this.lastSweep = this.clock.instant();
		if (!deleted.isEmpty()) {
			long bytes = deleted.stream().mapToLong((d) -> d.clip().sizeBytes()).sum();
			log.info("Retention deleted {} local clip(s), {} MB", deleted.size(), bytes / (1024 * 1024));
		}
		return deleted;
	}

	private void sweep(Path folder, List<LocalClip> clips, List<Deleted> deleted) {
		// Oldest first, as the index lists them.
		List<LocalClip> left = new ArrayList<>(clips);
		left.removeIf(LocalClip::protectedClip);
		if (this.config.maxAge() != null) {
			Instant oldest = this.clock.instant().minus(this.config.maxAge());
			for (LocalClip clip : List.copyOf(left)) {
				if (clip.createdAt().isBefore(oldest) && mayGo(clip)) {
					delete(clip, "older than max_age " + describe(this.config.maxAge()), left, deleted);
				}
			}
		}
		if (this.config.maxBytes() != null) {
			long total = clips.stream()
				.filter((c) -> !deleted.stream().anyMatch((d) -> d.clip().id() == c.id()))
				.mapToLong(LocalClip::sizeBytes)
				.sum();
			while (total > this.config.maxBytes()) {
				LocalClip next = next(left, false);
				if (next == null) {
					break;
				}
				total -= next.sizeBytes();
				delete(next, "the folder's clips took more than max_bytes " + mb(this.config.maxBytes()), left,
						deleted);
			}
		}
		long free = this.freeSpace.applyAsLong(folder);
		while (free >= 0 && free < this.config.minFreeBytes()) {
			LocalClip next = next(left, true);
			if (next == null) {
				this.warning = "only " + mb(free) + " free on " + folder + ", below min_free_bytes "
						+ mb(this.config.minFreeBytes()) + ", and no clip left that may be deleted";
				log.warn("Only {} free on {}, below min_free_bytes {}, and no clip left that may be deleted", mb(free),
						folder, mb(this.config.minFreeBytes()));
				break;
			}
			String reason = "only " + mb(free) + " free on the disk, below min_free_bytes "
					+ mb(this.config.minFreeBytes());
			if (this.uploads && !next.uploaded()) {
				log.warn("Deleting clip {} ({}) before it was uploaded: {}", next.id(), next.path().getFileName(),
						reason);
			}
			delete(next, reason, left, deleted);
			free = this.freeSpace.applyAsLong(folder);
		}
	}

	/**
	 * The index keeps every alarm row, but the payload as received (up to 8 KB each) only
	 * for alarms younger than {@code max_age} and for the newest {@link #WHOLE_PAYLOADS}:
	 * a sender that floods the service cannot fill the disk through the index. Sent "clip
	 * ready" messages go after a week.
	 */
	private void trimPayloads() {
		Instant now = this.clock.instant();
		Instant before = (this.config.maxAge() != null) ? now.minus(this.config.maxAge()) : null;
		String note = "{\"payloadTrimmed\":\"by retention: kept only for alarms younger than storage.retention.max_age"
				+ ((this.config.maxAge() != null) ? " (" + describe(this.config.maxAge()) + ")" : "")
				+ " and for the newest " + WHOLE_PAYLOADS + "\"}";
		int trimmed = 0;
		int batch;
		do {
			batch = this.index.trimPayloads(before, WHOLE_PAYLOADS, note);
			trimmed += batch;
		}
		while (batch == AlarmIndex.TRIM_BATCH);
		if (trimmed > 0) {
			log.info("Retention trimmed the stored payloads of {} older alarm(s); their rows stay", trimmed);
			this.metrics.counter("videostore.retention.payloads.trimmed").increment(trimmed);
		}
		this.index.forgetNotifications(now.minus(java.time.Duration.ofDays(7)));
	}

	/** Whether age and size limits may delete this clip. */
	private boolean mayGo(LocalClip clip) {
		return clip.uploaded() || !this.uploads;
	}

	/** The oldest clip that may go: uploaded ones first, others only under the floor. */
	private LocalClip next(List<LocalClip> left, boolean underFloor) {
		for (LocalClip clip : left) {
			if (clip.uploaded()) {
				return clip;
			}
		}
		for (LocalClip clip : left) {
			if (underFloor || mayGo(clip)) {
				return clip;
			}
		}
		return null;
	}

	private void delete(LocalClip clip, String reason, List<LocalClip> left, List<Deleted> deleted) {
		left.remove(clip);
		String why = reason;
		try {
			if (!Files.deleteIfExists(clip.path())) {
				why = reason + " (the file was already gone)";
			}
		}
		catch (IOException ex) {
			log.warn("Retention could not delete {}: {}", clip.path(), ex.getMessage());
			return;
		}
		this.index.localCopyDeleted(clip.id(), why, this.clock.instant());
		deleted.add(new Deleted(clip, why));
		String kind = reason.startsWith("older") ? "max_age"
				: reason.startsWith("the folder") ? "max_bytes" : "min_free_bytes";
		this.metrics
			.counter("videostore.retention.deleted", "reason", kind, "uploaded", String.valueOf(clip.uploaded()))
			.increment();
		this.deletedByLimit.merge(kind, 1L, Long::sum);
		this.lastDeleted = new Deleted(clip, why);
		this.lastDeletedAt = this.clock.instant();
	}

	static String mb(long bytes) {
		return (bytes / (1024 * 1024)) + " MB";
	}

	private static String describe(java.time.Duration age) {
		long minutes = age.toMinutes();
		return (minutes % (24 * 60) == 0) ? (minutes / (24 * 60)) + "d"
				: (minutes % 60 == 0) ? (minutes / 60) + "h" : minutes + "m";
	}

}
