package io.videostore.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Part of a file as a stream: at most {@code count} bytes from a position, read from disk
 * as they are asked for (the answer to a range request).
 */
final class FileSlice extends InputStream {

	private final SeekableByteChannel channel;

	private long left;

	private FileSlice(SeekableByteChannel channel, long left) {
		this.channel = channel;
		this.left = left;
	}

	static InputStream open(Path file, long start, long count) throws IOException {
		SeekableByteChannel channel = Files.newByteChannel(file);
		try {
			return new FileSlice(channel.position(start), count);
		}
		catch (IOException | RuntimeException ex) {
			channel.close();
			throw ex;
		}
	}

	@Override
	public int read() throws IOException {
		byte[] one = new byte[1];
		return (read(one, 0, 1) == 1) ? one[0] & 0xFF : -1;
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws IOException {
		if (length == 0) {
			return 0;
		}
		if (this.left <= 0) {
			return -1;
		}
		int n = this.channel.read(ByteBuffer.wrap(buffer, offset, (int) Math.min(length, this.left)));
		if (n > 0) {
			this.left -= n;
		}
		return n;
	}

	@Override
	public void close() throws IOException {
		this.channel.close();
	}

}
