package io.videostore.recording.preroll.buffer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The complete segments of one camera, oldest first, bounded in time and, hard, in count
 * and bytes. A lease (an assembly's window) keeps overlapping segments past their time,
 * never past the hard caps: a stuck assembler must not fill the disk.
 */
public final class Ring {

	private static final Logger log = LoggerFactory.getLogger(Ring.class);

	private record Entry(Segment segment, long bytes) {
	}

	/**
	 * An assembly's claim on a window; closing it lets the ring delete what only it
	 * needed.
	 */
	public final class Lease implements AutoCloseable {

		private final Instant from;

		private final Instant to;

		private Lease(Instant from, Instant to) {
			this.from = from;
			this.to = to;
		}

		@Override
		public void close() {
			leases.remove(this);
		}

	}

	private final BufferSettings settings;

	private final Deque<Entry> entries = new ArrayDeque<>();

	private final Set<Lease> leases = ConcurrentHashMap.newKeySet();

	private long bytes;

	private boolean closed;

	Ring(BufferSettings settings) {
		this.settings = settings;
	}

	/**
	 * Adds a complete segment. When it continues the newest one (same ffmpeg run), that
	 * one's end moves to this start, so consecutive segments touch exactly and only real
	 * outages show as gaps.
	 */
	synchronized void add(Segment segment, boolean continuesNewest) {
		if (continuesNewest && !entries.isEmpty()) {
			Entry last = entries.removeLast();
			entries.addLast(new Entry(last.segment().withEnd(segment.start()), last.bytes()));
		}
		long size = sizeOf(segment.file());
		entries.addLast(new Entry(segment, size));
		bytes += size;
		notifyAll();
	}

	public Lease lease(Instant from, Instant to) {
		Lease lease = new Lease(from, to);
		leases.add(lease);
		return lease;
	}

	/**
	 * Deletes segments older than the retained span unless leased, and any beyond the
	 * hard caps.
	 */
	void evict(Instant now) {
		Instant horizon = now.minus(settings.retain());
		List<Entry> victims = new ArrayList<>();
		synchronized (this) {
			while (!entries.isEmpty()) {
				Entry oldest = entries.peekFirst();
				boolean overCap = entries.size() > settings.maxSegments() || bytes > settings.maxBytes();
				boolean expired = !oldest.segment().end().isAfter(horizon);
				if (!overCap && !(expired && !leased(oldest.segment()))) {
					break;
				}
				if (overCap && leased(oldest.segment())) {
					log.warn("Segment buffer over its hard cap: deleting {} although an assembly still needs it",
							oldest.segment().file().getFileName());
				}
				victims.add(entries.removeFirst());
				bytes -= oldest.bytes();
			}
		}
		victims.forEach((e) -> delete(e.segment().file()));
	}

	private boolean leased(Segment segment) {
		return leases.stream().anyMatch((l) -> segment.overlaps(l.from, l.to));
	}

	public synchronized List<Segment> segments() {
		return entries.stream().map(Entry::segment).toList();
	}

	public synchronized List<Segment> overlapping(Instant from, Instant to) {
		return entries.stream().map(Entry::segment).filter((s) -> s.overlaps(from, to)).toList();
	}

	synchronized long bytes() {
		return bytes;
	}

	/**
	 * Waits until a complete segment reaches {@code to}; false when the deadline or close
	 * came first.
	 */
	public synchronized boolean awaitCoverage(Instant to, long deadlineNanos) throws InterruptedException {
		while (!closed && (entries.isEmpty() || entries.peekLast().segment().end().isBefore(to))) {
			long left = deadlineNanos - System.nanoTime();
			if (left <= 0) {
				return false;
			}
			wait(Math.max(1, left / 1_000_000));
		}
		return !closed;
	}

	/** Deletes every segment and wakes waiting assemblies. */
	synchronized void clear() {
		closed = true;
		entries.forEach((e) -> delete(e.segment().file()));
		entries.clear();
		bytes = 0;
		notifyAll();
	}

	private static long sizeOf(Path file) {
		try {
			return Files.size(file);
		}
		catch (IOException ex) {
			return 0;
		}
	}

	private static void delete(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			log.warn("Could not delete segment {}: {}", file, ex.getMessage());
		}
	}

}
