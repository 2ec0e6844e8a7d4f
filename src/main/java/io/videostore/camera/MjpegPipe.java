package io.videostore.camera;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * How whole JPEG frames are piped to ffmpeg: as a live Matroska stream in which every
 * frame carries the time it arrived here, in milliseconds since the first frame.
 * <p>
 * MJPEG carries no timestamps. Letting ffmpeg stamp frames as it reads them
 * ({@code -use_wallclock_as_timestamps}) goes wrong on a loaded machine: frames wait in
 * the pipe (and behind it in the camera's socket) while ffmpeg starts or is starved, then
 * all get the time ffmpeg finally read them, and the clip plays faster than real time.
 * Stamped here, a frame's time is when the camera delivered it, however late ffmpeg reads
 * it; a loaded machine gives fewer frames (see {@link ArrivingFrames}), never a faster
 * clip.
 * <p>
 * {@code -fpsprobesize 0}: without it ffmpeg 7.1 reads frames to guess a frame rate
 * before it writes anything, and reported no progress until 5 s of frames were in
 * (measured on a paced pipe).
 */
final class MjpegPipe {

	static final List<String> INPUT = List.of("-fpsprobesize", "0", "-f", "matroska", "-i", "pipe:0");

	private static final long UNKNOWN_SIZE = 0x01FF_FFFF_FFFF_FFFFL;

	private final OutputStream out;

	private long firstNanos;

	private long previousNanos;

	private boolean started;

	MjpegPipe(OutputStream out) {
		this.out = out;
	}

	/**
	 * Writes one frame stamped with {@code arrivalNanos} ({@link System#nanoTime()} when
	 * it arrived) and flushes it; the first frame also writes the stream header.
	 */
	void write(byte[] jpeg, long arrivalNanos) throws IOException {
		if (!this.started) {
			this.out.write(header(jpeg));
			this.firstNanos = arrivalNanos;
			this.previousNanos = arrivalNanos;
			this.started = true;
		}
		// Never backwards: the reading side may see a frame's time only after the next.
		long nanos = Math.max(arrivalNanos, this.previousNanos);
		long millis = (nanos - this.firstNanos) / 1_000_000;
		long lastStep = (nanos - this.previousNanos) / 1_000_000;
		this.previousNanos = nanos;
		this.out.write(cluster(jpeg, millis, lastStep));
		this.out.flush();
	}

	/**
	 * One frame as a cluster of its own. The frame's duration is not known until the next
	 * one arrives, so each says it lasts as long as the step before it: only the last
	 * frame's duration counts (the others' follow from the times), and it becomes the
	 * camera's last frame interval instead of nothing.
	 */
	private static byte[] cluster(byte[] jpeg, long millis, long duration) {
		ByteArrayOutputStream block = new ByteArrayOutputStream(jpeg.length + 8);
		// Track 1, time relative to the cluster 0, keyframe.
		block.write(0x81);
		block.write(0);
		block.write(0);
		block.write((duration > 0) ? 0 : 0x80);
		block.writeBytes(jpeg);
		ByteArrayOutputStream body = new ByteArrayOutputStream(jpeg.length + 32);
		uint(body, 0xE7, millis);
		if (duration > 0) {
			// A BlockGroup can say how long its frame lasts; a SimpleBlock cannot.
			ByteArrayOutputStream group = new ByteArrayOutputStream(jpeg.length + 16);
			element(group, 0xA1, block.toByteArray());
			uint(group, 0x9B, duration);
			element(body, 0xA0, group.toByteArray());
		}
		else {
			element(body, 0xA3, block.toByteArray());
		}
		ByteArrayOutputStream cluster = new ByteArrayOutputStream(jpeg.length + 48);
		element(cluster, 0x1F43B675, body.toByteArray());
		return cluster.toByteArray();
	}

	/**
	 * EBML header, a segment of unknown length (a live stream), millisecond times and one
	 * MJPEG video track sized like the first frame.
	 */
	private static byte[] header(byte[] firstJpeg) {
		int[] size = JpegSize.of(firstJpeg);
		ByteArrayOutputStream ebml = new ByteArrayOutputStream();
		uint(ebml, 0x4286, 1);
		uint(ebml, 0x42F7, 1);
		uint(ebml, 0x42F2, 4);
		uint(ebml, 0x42F3, 8);
		string(ebml, 0x4282, "matroska");
		uint(ebml, 0x4287, 4);
		uint(ebml, 0x4285, 2);
		ByteArrayOutputStream info = new ByteArrayOutputStream();
		uint(info, 0x2AD7B1, 1_000_000);
		string(info, 0x4D80, "videostore");
		string(info, 0x5741, "videostore");
		ByteArrayOutputStream video = new ByteArrayOutputStream();
		uint(video, 0xB0, size[0]);
		uint(video, 0xBA, size[1]);
		ByteArrayOutputStream track = new ByteArrayOutputStream();
		uint(track, 0xD7, 1);
		uint(track, 0x73C5, 1);
		uint(track, 0x83, 1);
		string(track, 0x86, "V_MJPEG");
		element(track, 0xE0, video.toByteArray());
		ByteArrayOutputStream tracks = new ByteArrayOutputStream();
		element(tracks, 0xAE, track.toByteArray());
		ByteArrayOutputStream all = new ByteArrayOutputStream();
		element(all, 0x1A45DFA3, ebml.toByteArray());
		id(all, 0x18538067);
		for (int shift = 56; shift >= 0; shift -= 8) {
			all.write((int) (UNKNOWN_SIZE >>> shift));
		}
		element(all, 0x1549A966, info.toByteArray());
		element(all, 0x1654AE6B, tracks.toByteArray());
		return all.toByteArray();
	}

	private static void uint(ByteArrayOutputStream out, int id, long value) {
		int bytes = Math.max(1, (64 - Long.numberOfLeadingZeros(value) + 7) / 8);
		byte[] data = new byte[bytes];
		for (int i = 0; i < bytes; i++) {
			data[i] = (byte) (value >>> (8 * (bytes - 1 - i)));
		}
		element(out, id, data);
	}

	private static void string(ByteArrayOutputStream out, int id, String value) {
		element(out, id, value.getBytes(StandardCharsets.US_ASCII));
	}

	private static void element(ByteArrayOutputStream out, int id, byte[] data) {
		id(out, id);
		long length = data.length;
		int bytes = 1;
		while (length >= (1L << (7 * bytes)) - 1) {
			bytes++;
		}
		long marked = length | (1L << (7 * bytes));
		for (int i = bytes - 1; i >= 0; i--) {
			out.write((int) (marked >>> (8 * i)));
		}
		out.writeBytes(data);
	}

	/** Element ids carry their own length marker, so they are written as they are. */
	private static void id(ByteArrayOutputStream out, int id) {
		int bytes = (id > 0xFFFFFF) ? 4 : (id > 0xFFFF) ? 3 : (id > 0xFF) ? 2 : 1;
		for (int i = bytes - 1; i >= 0; i--) {
			out.write(id >>> (8 * i));
		}
	}

}
