package io.videostore.camera;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Renders JPEG test-pattern frames with a burnt-in UTC wall clock, drawn without fonts.
 */
public final class DemoFrames {

	static {
		// The service may run on a machine without a display; an explicit choice
		// elsewhere still wins.
		if (System.getProperty("java.awt.headless") == null) {
			System.setProperty("java.awt.headless", "true");
		}
	}

	private static final int[] BARS = { 0xC0C0C0, 0xC0C000, 0x00C0C0, 0x00C000, 0xC000C0, 0xC00000, 0x0000C0 };

	private static final String CLOCK_SAMPLE = "0000-00-00 00:00:00.000";

	private static final Color BOX = new Color(0x101010);

	private static final Color DIGIT = new Color(0xF0F0F0);

	private final int width;

	private final int height;

	private final int[] background;

	private final BufferedImage image;

	private final int[] pixels;

	private final Graphics2D graphics;

	private final SevenSegment clockDigits;

	private final SevenSegment counterDigits;

	private final Rectangle clockBox;

	private final ImageWriter writer;

	private final ImageWriteParam param;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);

	private final StringBuilder text = new StringBuilder(32);

	/**
	 * @param width frame width in pixels (320 to 1920 is the tested range)
	 * @param height frame height in pixels (180 to 1080 is the tested range)
	 */
	public DemoFrames(int width, int height) {
		if (width < 16 || height < 16 || width > 8192 || height > 8192) {
			throw new IllegalArgumentException("Unsupported frame size " + width + "x" + height);
		}
		this.width = width;
		this.height = height;
		this.background = renderBackground(width, height);
		this.image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		this.pixels = ((DataBufferInt) this.image.getRaster().getDataBuffer()).getData();
		this.graphics = this.image.createGraphics();
		this.clockDigits = SevenSegment.fitting(CLOCK_SAMPLE, height / 8, (int) (width * 0.92));
		this.counterDigits = new SevenSegment(this.clockDigits.height() / 2);
		int pad = this.clockDigits.thickness() * 2;
		int boxWidth = this.clockDigits.width(CLOCK_SAMPLE) + 2 * pad;
		int boxHeight = this.clockDigits.height() + 2 * pad;
		this.clockBox = new Rectangle((width - boxWidth) / 2, height - boxHeight - height / 16, boxWidth, boxHeight);
		this.writer = ImageIO.getImageWritersByFormatName("jpeg").next();
		this.param = this.writer.getDefaultWriteParam();
		this.param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
		this.param.setCompressionQuality(0.8f);
	}

	/**
	 * Renders one frame.
	 * @param at wall-clock time burnt into the frame (shown in UTC)
	 * @param frameNumber shown in small digits and drives the moving bar
	 * @return a baseline JPEG
	 */
	public synchronized byte[] jpeg(Instant at, long frameNumber) {
		System.arraycopy(this.background, 0, this.pixels, 0, this.pixels.length);
		drawMovingBar(frameNumber);
		drawClock(at);
		drawCounter(frameNumber);
		return encode();
	}

	/** Where the clock is drawn, so tests can compare just that region. */
	Rectangle clockBox() {
		return new Rectangle(this.clockBox);
	}

	private void drawMovingBar(long frameNumber) {
		int barWidth = Math.max(4, this.width / 40);
		int step = Math.max(2, this.width / 50);
		int span = this.width + barWidth;
		int x = (int) Math.floorMod(frameNumber * step, (long) span) - barWidth;
		this.graphics.setColor(Color.WHITE);
		this.graphics.fillRect(x, 0, barWidth, this.height);
	}

	private void drawClock(Instant at) {
		LocalDateTime t = LocalDateTime.ofInstant(at, ZoneOffset.UTC);
		StringBuilder s = this.text;
		s.setLength(0);
		pad(s, t.getYear(), 4).append('-');
		pad(s, t.getMonthValue(), 2).append('-');
		pad(s, t.getDayOfMonth(), 2).append(' ');
		pad(s, t.getHour(), 2).append(':');
		pad(s, t.getMinute(), 2).append(':');
		pad(s, t.getSecond(), 2).append('.');
		pad(s, t.getNano() / 1_000_000, 3);
		Rectangle box = this.clockBox;
		this.graphics.setColor(BOX);
		this.graphics.fillRect(box.x, box.y, box.width, box.height);
		int pad = this.clockDigits.thickness() * 2;
		this.graphics.setColor(DIGIT);
		this.clockDigits.draw(this.graphics, s, box.x + pad, box.y + pad);
	}

	private void drawCounter(long frameNumber) {
		StringBuilder s = this.text;
		s.setLength(0);
		s.append(Math.abs(frameNumber));
		int pad = this.counterDigits.thickness() * 2;
		int margin = Math.max(4, this.height / 30);
		this.graphics.setColor(BOX);
		this.graphics.fillRect(margin, margin, this.counterDigits.width(s) + 2 * pad,
				this.counterDigits.height() + 2 * pad);
		this.graphics.setColor(DIGIT);
		this.counterDigits.draw(this.graphics, s, margin + pad, margin + pad);
	}

	private byte[] encode() {
		this.out.reset();
		// A memory cache avoids ImageIO's default temp-file cache, which would dominate
		// the cost per frame.
		try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(this.out)) {
			this.writer.setOutput(stream);
			this.writer.write(null, new IIOImage(this.image, null, null), this.param);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("JPEG encoding failed", ex);
		}
		return this.out.toByteArray();
	}

	private static StringBuilder pad(StringBuilder s, int value, int digits) {
		String v = Integer.toString(Math.abs(value));
		for (int i = v.length(); i < digits; i++) {
			s.append('0');
		}
		return s.append(v);
	}

	/**
	 * Colour bars over the top two thirds, a grey ramp below: static, so rendered once
	 * and copied per frame.
	 */
	private static int[] renderBackground(int width, int height) {
		int[] bg = new int[width * height];
		int barsBottom = height * 2 / 3;
		for (int y = 0; y < height; y++) {
			int row = y * width;
			for (int x = 0; x < width; x++) {
				int rgb;
				if (y < barsBottom) {
					rgb = BARS[x * BARS.length / width];
				}
				else {
					int level = x * 255 / Math.max(1, width - 1);
					rgb = (level << 16) | (level << 8) | level;
				}
				bg[row + x] = rgb;
			}
		}
		return bg;
	}

}
