package io.videostore.camera;

/**
 * The width and height a JPEG image declares in its start-of-frame segment.
 */
final class JpegSize {

	/** Used when no start-of-frame segment is found (not an image a camera sends). */
	private static final int[] UNKNOWN = { 640, 480 };

	private JpegSize() {
	}

	/** {width, height} of {@code jpeg}. */
	static int[] of(byte[] jpeg) {
		int i = 2;
		while (i + 9 < jpeg.length) {
			if ((jpeg[i] & 0xFF) != 0xFF) {
				return UNKNOWN;
			}
			int marker = jpeg[i + 1] & 0xFF;
			if (marker == 0xFF) {
				// Fill byte.
				i++;
				continue;
			}
			if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD8)) {
				i += 2;
				continue;
			}
			boolean startOfFrame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8
					&& marker != 0xCC;
			if (startOfFrame) {
				return new int[] { u16(jpeg, i + 7), u16(jpeg, i + 5) };
			}
			i += 2 + u16(jpeg, i + 2);
		}
		return UNKNOWN;
	}

	private static int u16(byte[] b, int at) {
		return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
	}

}
