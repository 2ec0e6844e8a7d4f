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
import io.videostore.clips.Alarms;
import io.videostore.clips.Clips;
import io.videostore.clips.LocalClip;
import io.videostore.clips.NotificationOutbox;
import io.videostore.config.RetentionConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each output folder a bounded cache ({@code storage.retention}): local copies
 * older than {@code max_age} go, then the oldest while the folder's clips take more than
 * {@code max_bytes}, then the oldest while its disk has less than {@code min_free_bytes}
 * free. Clips with a copy in the cloud go first; a clip only on this disk goes for age or
 * size only when nothing is uploaded anyway (no bucket configured), and otherwise only
 * under {@code min_free_bytes}, each with a WARN line. A protected clip never goes.
 * <p>
 * Free space never costs the newest clip of an alarm stored within {@code keep_newest}
 * while it is the only copy: above the recording floor it stays, and when nothing else
 * may go retention says so once and recordings go on until the floor. Under the floor
 * such a clip goes only when a recording asks for room ({@link #makeRoom}), oldest first,
 * each with a WARN line, and only until the disk is back at the floor: a full disk would
 * lose the next alarms' footage altogether. The index keeps every clip row, with where it
 * lives now and why its local copy went.
 */
final class Retention {

	private static final Logger log = LoggerFactory.getLogger(Retention.class);

	/** How many of the newest alarms keep their whole payload. */
	static final long WHOLE_PAYLOADS = 100_000;

	private final RetentionConfig config;

	private final boolean uploads;

	private final Alarms alarms;

	private final Clips clips;

	private final NotificationOutbox notifications;

	private final Clock clock;

	private final ToLongFunction<Path> freeSpace;

	private final MeterRegistry metrics;

	private final long floor;

	/** The warning last logged for each folder, so each is logged once. */
	private final Map<Path, String> warned = new java.util.concurrent.ConcurrentHashMap<>();

	/**
	 * @param uploads true when clips are uploaded (a bucket is configured)
	 * @param freeSpace usable bytes on the disk of a folder
	 */
	public Retention(RetentionConfig config, boolean uploads, Alarms alarms, Clips clips,
			NotificationOutbox notifications, Clock clock, ToLongFunction<Path> freeSpace, MeterRegistry metrics) {
		this(config, uploads, alarms, clips, notifications, clock, freeSpace, metrics, DiskSpace.RECORDING_FLOOR);
	}

	/**
	 * @param floor below this much free space no recording starts
	 */
	Retention(RetentionConfig config, boolean uploads, Alarms alarms, Clips clips, NotificationOutbox notifications,
			Clock clock, ToLongFunction<Path> freeSpace, MeterRegistry metrics, long floor) {
		this.floor = floor;
		this.config = config;
		this.uploads = uploads;
		this.alarms = alarms;
		this.clips = clips;
		this.notifications = notifications;
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
		return sweep(null);
	}

	/**
	 * A recording into {@code folder} is about to be refused for want of space: one pass,
	 * in which, under the floor, the newest clips of older alarms in that folder may go
	 * too.
	 */
	public List<Deleted> makeRoom(Path folder) {
		return sweep(folder.toAbsolutePath().normalize());
	}

	private List<Deleted> sweep(Path roomFor) {
		Map<Path, List<LocalClip>> byFolder = new LinkedHashMap<>();
		for (LocalClip clip : this.clips.localClips()) {
			Path folder = clip.path().toAbsolutePath().normalize().getParent();
			byFolder.computeIfAbsent(folder, (f) -> new ArrayList<>()).add(clip);
		}
		List<Deleted> deleted = new ArrayList<>();
		this.warning = null;
		this.warned.keySet().retainAll(byFolder.keySet());
		byFolder.forEach((folder, clips) -> sweep(folder, clips, deleted, folder.equals(roomFor)));
		trimPayloads();
		this.lastSweep = this.clock.instant();
		if (!deleted.isEmpty()) {
			long bytes = deleted.stream().mapToLong((d) -> d.clip().sizeBytes()).sum();
			log.info("Retention deleted {} local clip(s), {}", deleted.size(), DiskSpace.size(bytes));
		}
		return deleted;
	}

	private void sweep(Path folder, List<LocalClip> clips, List<Deleted> deleted, boolean forRecording) {
		// Oldest first, as the index lists them.
		List<LocalClip> left = new ArrayList<>(clips);
		left.removeIf(LocalClip::protectedClip);
		if (this.config.maxAge() != null) {
			Instant oldest = this.clock.instant().minus(this.config.maxAge());
			for (LocalClip clip : List.copyOf(left)) {
				if (clip.createdAt().isBefore(oldest) && mayGo(clip)) {
					delete(clip, "max_age", "older than max_age " + describe(this.config.maxAge()), left, deleted);
				}
			}
		}
		if (this.config.maxBytes() != null) {
			long total = clips.stream()
				.filter((c) -> !deleted.stream().anyMatch((d) -> d.clip().id() == c.id()))
				.mapToLong(LocalClip::sizeBytes)
				.sum();
			while (total > this.config.maxBytes()) {
				LocalClip next = next(left, false, java.util.Set.of());
				if (next == null) {
					break;
				}
				total -= next.sizeBytes();
				delete(next, "max_bytes", "the folder's clips took more than max_bytes " + mb(this.config.maxBytes()),
						left, deleted);
			}
		}
		long free = this.freeSpace.applyAsLong(folder);
		if (free < 0 || free >= this.config.minFreeBytes()) {
			this.warned.remove(folder);
			return;
		}
		java.util.Set<Long> kept = this.clips.newestOnlyCopies(this.clock.instant().minus(this.config.keepNewest()));
		while (free >= 0 && free < this.config.minFreeBytes()) {
			LocalClip next = next(left, true, kept);
			if (next == null && forRecording && free < this.floor && !left.isEmpty()) {
				// The only way the next alarm gets footage at all.
				next = left.get(0);
				String reason = "only " + mb(free) + " free on the disk, below the recording floor " + mb(this.floor)
						+ ", and an alarm needed room to be recorded";
				log.warn("Deleting clip {} ({}), the newest of its alarm within keep_newest {}: {}", next.id(),
						next.path().getFileName(), describe(this.config.keepNewest()), reason);
				delete(next, "min_free_bytes", reason, left, deleted);
				free = this.freeSpace.applyAsLong(folder);
				continue;
			}
			if (next == null) {
				nothingToDelete(folder, free, left);
				return;
			}
			String reason = "only " + mb(free) + " free on the disk, below min_free_bytes "
					+ mb(this.config.minFreeBytes());
			if (this.uploads && !next.uploaded()) {
				log.warn("Deleting clip {} ({}) before it was uploaded: {}", next.id(), next.path().getFileName(),
						reason);
			}
			delete(next, "min_free_bytes", reason, left, deleted);
			free = this.freeSpace.applyAsLong(folder);
		}
		this.warned.remove(folder);
	}

	/**
	 * Says, once while it lasts, that the disk of {@code folder} stays under
	 * {@code min_free_bytes} and what happens next.
	 */
	private void nothingToDelete(Path folder, long free, List<LocalClip> left) {
		String state = "only " + mb(free) + " free on " + folder + ", below min_free_bytes "
				+ mb(this.config.minFreeBytes()) + ", and no clip left that may be deleted";
		String next;
		if (left.isEmpty()) {
			next = (free >= this.floor) ? "; recordings go on until free space falls to " + mb(this.floor)
					: "; no recording starts below " + mb(this.floor);
		}
		else {
			next = ": the " + left.size() + " left are each the newest of their alarm within keep_newest "
					+ describe(this.config.keepNewest())
					+ ((free >= this.floor)
							? "; they stay, and recordings go on until free space falls to " + mb(this.floor)
							: "; under the recording floor " + mb(this.floor)
									+ " they go, oldest first, only when an alarm needs room to be recorded");
		}
		this.warning = ((free >= this.floor) ? "LOW: " : "FULL: ") + state + next;
		// Once while it lasts: the text changes with every megabyte, its kind does not.
		String kind = (free >= this.floor) + "/" + left.isEmpty();
		if (!kind.equals(this.warned.put(folder, kind))) {
			log.warn("Retention: {}", this.warning);
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
			batch = this.alarms.trimPayloads(before, WHOLE_PAYLOADS, note);
			trimmed += batch;
		}
		while (batch == Alarms.TRIM_BATCH);
		if (trimmed > 0) {
			log.info("Retention trimmed the stored payloads of {} older alarm(s); their rows stay", trimmed);
			this.metrics.counter("videostore.retention.payloads.trimmed").increment(trimmed);
		}
		this.notifications.forgetNotifications(now.minus(java.time.Duration.ofDays(7)));
	}

	/** Whether age and size limits may delete this clip. */
	private boolean mayGo(LocalClip clip) {
		return clip.uploaded() || !this.uploads;
	}

	/**
	 * The oldest clip that may go: uploaded ones first, others only under
	 * {@code min_free_bytes}, never one in {@code kept}.
	 */
	private LocalClip next(List<LocalClip> left, boolean underMinFree, java.util.Set<Long> kept) {
		for (LocalClip clip : left) {
			if (clip.uploaded()) {
				return clip;
			}
		}
		for (LocalClip clip : left) {
			if ((underMinFree || mayGo(clip)) && !kept.contains(clip.id())) {
				return clip;
			}
		}
		return null;
	}

	private void delete(LocalClip clip, String kind, String reason, List<LocalClip> left, List<Deleted> deleted) {
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
		this.clips.localCopyDeleted(clip.id(), why, this.clock.instant());
		deleted.add(new Deleted(clip, why));
		this.metrics
			.counter("videostore.retention.deleted", "reason", kind, "uploaded", String.valueOf(clip.uploaded()))
			.increment();
		this.deletedByLimit.merge(kind, 1L, Long::sum);
		this.lastDeleted = new Deleted(clip, why);
		this.lastDeletedAt = this.clock.instant();
	}

	static String mb(long bytes) {
		return DiskSpace.size(bytes);
	}

	private static String describe(java.time.Duration age) {
		long minutes = age.toMinutes();
		return (minutes % (24 * 60) == 0) ? (minutes / (24 * 60)) + "d"
				: (minutes % 60 == 0) ? (minutes / 60) + "h" : minutes + "m";
	}

}
