package io.videostore.camera;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class DemoFramesTests {

	private static final Instant T0 = Instant.parse("2024-12-31T23:59:58.765Z");

	@ParameterizedTest
	@CsvSource({ "320,180", "640,360", "1920,1080" })
	void framesDecodeAtTheRequestedSize(int width, int height) throws IOException {
		byte[] jpeg = new DemoFrames(width, height).jpeg(T0, 1);
		BufferedImage image = decode(jpeg);
		assertThat(image.getWidth()).isEqualTo(width);
		assertThat(image.getHeight()).isEqualTo(height);
	}

	@Test
	void framesAreBaselineJpeg() {
		byte[] jpeg = new DemoFrames(640, 360).jpeg(T0, 1);
		assertThat(jpeg[0] & 0xFF).isEqualTo(0xFF);
		assertThat(jpeg[1] & 0xFF).isEqualTo(0xD8);
		// SOF0 marks baseline; SOF2 would be progressive, which some MJPEG consumers
		// reject.
		assertThat(indexOfMarker(jpeg, 0xC0)).isPositive();
		assertThat(indexOfMarker(jpeg, 0xC2)).isNegative();
	}

	@Test
	void clockRegionChangesWithTime() throws IOException {
		DemoFrames frames = new DemoFrames(640, 360);
		Rectangle clock = frames.clockBox();
		assertThat(new Rectangle(640, 360).contains(clock)).isTrue();
		BufferedImage first = decode(frames.jpeg(T0, 7));
		BufferedImage same = decode(frames.jpeg(T0, 7));
		BufferedImage later = decode(frames.jpeg(T0.plusMillis(1111), 7));
		assertThat(changedPixels(first, same, clock)).isZero();
		// Every digit of the seconds and milliseconds changes, so plenty of pixels must
		// flip.
		assertThat(changedPixels(first, later, clock)).isGreaterThan(clock.width * clock.height / 50);
	}

	@Test
	void frameNumberMovesTheBar() throws IOException {
		DemoFrames frames = new DemoFrames(320, 180);
		Rectangle all = new Rectangle(320, 180);
		assertThat(changedPixels(decode(frames.jpeg(T0, 1)), decode(frames.jpeg(T0, 20)), all)).isGreaterThan(500);
	}

	private static BufferedImage decode(byte[] jpeg) throws IOException {
		BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
		assertThat(image).isNotNull();
		return image;
	}

	private static int changedPixels(BufferedImage a, BufferedImage b, Rectangle region) {
		int changed = 0;
		for (int y = region.y; y < region.y + region.height; y++) {
			for (int x = region.x; x < region.x + region.width; x++) {
				int pa = a.getRGB(x, y);
				int pb = b.getRGB(x, y);
				int diff = Math.abs((pa >> 16 & 0xFF) - (pb >> 16 & 0xFF))
						+ Math.abs((pa >> 8 & 0xFF) - (pb >> 8 & 0xFF)) + Math.abs((pa & 0xFF) - (pb & 0xFF));
				if (diff > 96) {
					changed++;
				}
			}
		}
		return changed;
	}

	private static int indexOfMarker(byte[] jpeg, int marker) {
		for (int i = 0; i + 1 < jpeg.length; i++) {
			if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == marker) {
				return i;
			}
		}
		return -1;
	}

}
