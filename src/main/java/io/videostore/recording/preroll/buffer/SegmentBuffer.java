package io.videostore.recording.preroll.buffer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import io.videostore.camera.CameraSources;
import io.videostore.config.CameraConfig;
import io.videostore.ffmpeg.FfmpegBinaries;
import io.videostore.ffmpeg.OrphanFfmpeg;
import io.videostore.system.FileModes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One camera's pre-roll buffer: a supervised ffmpeg keeps the camera open around the
 * clock and writes short stream-copied Matroska segments into a bounded ring on disk,
 * each with its real UTC start and end. Costs one permanent camera stream (through the
 * IXON proxy for IXON cameras) and a little disk; no re-encoding.
 */
public final class SegmentBuffer implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(SegmentBuffer.class);

	private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

	private final CameraConfig camera;

	private final BufferSettings settings;

	private final Ring ring;

	private final Supervisor supervisor;

	private final Thread thread;

	private final Clock clock;

	private SegmentBuffer(CameraConfig camera, BufferSettings settings, Supervisor supervisor, Ring ring, Clock clock) {
		this.camera = camera;
		this.settings = settings;
		this.ring = ring;
		this.supervisor = supervisor;
		this.clock = clock;
		this.thread = new Thread(supervisor, "segment-buffer-" + camera.id());
		this.thread.setDaemon(true);
	}

	/**
	 * Stops an ffmpeg an earlier, killed run left writing into the camera's folder,
	 * deletes what it left there, and starts buffering. Never throws for camera trouble:
	 * that shows in {@link #state()}.
	 * @throws IOException when the folder cannot be created or cleaned
	 */
	public static SegmentBuffer start(FfmpegBinaries ffmpeg, CameraSources sources, CameraConfig camera,
			BufferSettings settings) throws IOException {
		return start(ffmpeg, sources, camera, settings, Clock.systemUTC());
	}

	static SegmentBuffer start(FfmpegBinaries ffmpeg, CameraSources sources, CameraConfig camera,
			BufferSettings settings, Clock clock) throws IOException {
		// The camera's video, around the clock: its owner's only, like work in progress.
		setAside(camera, settings.folder());
		Ring ring = new Ring(settings);
		SegmentBuffer buffer = new SegmentBuffer(camera, settings,
				new Supervisor(ffmpeg, sources, camera, settings, ring, clock), ring, clock);
		buffer.thread.start();
		return buffer;
	}

	/**
	 * Stops what an earlier run left writing into the camera's buffer folder and sets its
	 * footage aside ({@link #keepLeftovers}).
	 */
	public static void setAside(CameraConfig camera, Path folder) throws IOException {
		FileModes.createFolders(folder, FileModes.OWNER_FOLDER);
		FileModes.restrict(folder, FileModes.OWNER_FOLDER);
		OrphanFfmpeg.stopWritersInto(folder);
		int kept = keepLeftovers(folder);
		if (kept > 0) {
			log.info("Camera '{}' buffer: set aside {} files left by an earlier run, for its pending clips",
					camera.id(), kept);
		}
	}

	public CameraConfig camera() {
		return camera;
	}

	public BufferSettings settings() {
		return settings;
	}

	public BufferState state() {
		return thread.isAlive() || supervisor.state().kind() == BufferState.Kind.FAILED ? supervisor.state()
				: BufferState.closed(clock.instant());
	}

	/** The complete segments now in the ring, oldest first. */
	public List<Segment> segments() {
		return ring.segments();
	}

	/** Bytes of the complete segments now in the ring. */
	public long bytes() {
		return ring.bytes();
	}

	public Ring ring() {
		return ring;
	}

	public Clock clock() {
		return clock;
	}

	/**
	 * Streams again now if it waits to reconnect (after a fence, this instance holds the
	 * camera again).
	 */
	public void wake() {
		supervisor.wake();
	}

	/**
	 * Stops ffmpeg gracefully (it is always gone when this returns) and deletes every
	 * segment.
	 */
	@Override
	public void close() {
		supervisor.requestStop();
		try {
			thread.join(CLOSE_TIMEOUT.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		if (thread.isAlive()) {
			log.warn("Camera '{}' buffer did not stop within {} s", camera.id(), CLOSE_TIMEOUT.toSeconds());
		}
		ring.clear();
		try {
			deleteLeftovers(settings.folder());
			deleteLeftFootage(settings.folder());
		}
		catch (IOException ex) {
			log.warn("Camera '{}' buffer: cannot clean {}: {}", camera.id(), settings.folder(), ex.getMessage());
		}
	}

	/**
	 * Deletes the buffer's own files only (segments, lists, concat lists, zero times), in
	 * case the folder is shared.
	 */
	static int deleteLeftovers(Path folder) throws IOException {
		int n = 0;
		try (Stream<Path> files = Files.list(folder)) {
			for (Path f : (Iterable<Path>) files::iterator) {
				if (ownFile(f) && Files.deleteIfExists(f)) {
					n++;
				}
			}
		}
		return n;
	}

	/**
	 * Moves the footage an earlier run left into {@link LeftFootage#FOLDER}, replacing
	 * what an even earlier one left there: the clips of alarms still pending at a kill
	 * are cut from it once the service is up again, then it is deleted
	 * ({@link #deleteLeftFootage}).
	 */
	static int keepLeftovers(Path folder) throws IOException {
		Path previous = folder.resolve(LeftFootage.FOLDER);
		deleteLeftFootage(folder);
		int n = 0;
		try (Stream<Path> files = Files.list(folder)) {
			for (Path f : (Iterable<Path>) files::iterator) {
				String name = f.getFileName().toString();
				if (name.startsWith("concat-")) {
					Files.deleteIfExists(f);
				}
				else if (ownFile(f)) {
					FileModes.createFolders(previous, FileModes.OWNER_FOLDER);
					Files.move(f, previous.resolve(name), StandardCopyOption.REPLACE_EXISTING);
					n++;
				}
			}
		}
		return n;
	}

	/** Deletes what {@link #keepLeftovers} set aside. */
	public static void deleteLeftFootage(Path folder) throws IOException {
		Path previous = folder.resolve(LeftFootage.FOLDER);
		if (Files.isDirectory(previous)) {
			deleteLeftovers(previous);
			Files.deleteIfExists(previous);
		}
	}

	private static boolean ownFile(Path f) {
		String name = f.getFileName().toString();
		return Files.isRegularFile(f) && (name.startsWith("seg-") || name.startsWith("list-")
				|| name.startsWith("concat-") || name.startsWith("zero-"));
	}

}
