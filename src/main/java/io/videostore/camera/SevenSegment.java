package io.videostore.camera;

import java.awt.Graphics2D;

/**
 * Draws digits and clock punctuation as seven-segment shapes from filled rectangles, so
 * no font is ever needed.
 */
final class SevenSegment {

	// Segment bits: a (top), b (top right), c (bottom right), d (bottom), e (bottom
	// left), f (top left), g (middle).
	private static final int A = 1, B = 2, C = 4, D = 8, E = 16, F = 32, G = 64;

	private static final int[] DIGITS = { A | B | C | D | E | F, B | C, A | B | D | E | G, A | B | C | D | G,
			B | C | F | G, A | C | D | F | G, A | C | D | E | F | G, A | B | C, A | B | C | D | E | F | G,
			A | B | C | D | F | G };

	private final int height;

	private final int digitWidth;

	private final int thickness;

	private final int narrowWidth;

	private final int gap;

	/**
	 * @param height digit height in pixels; everything else is derived from it
	 */
	SevenSegment(int height) {
		this.height = Math.max(7, height);
		this.thickness = Math.max(2, Math.round(this.height / 7f));
		this.digitWidth = Math.max(3 * this.thickness, Math.round(this.height * 0.55f));
		this.narrowWidth = Math.max(2 * this.thickness, this.digitWidth / 2);
		this.gap = Math.max(2, Math.round(this.thickness * 1.2f));
	}

	/**
	 * Largest digits up to {@code preferred} high whose {@code sample}, plus a box
	 * padding, fits {@code maxWidth}.
	 */
	static SevenSegment fitting(String sample, int preferred, int maxWidth) {
		SevenSegment seg = new SevenSegment(preferred);
		while (seg.height > 7 && seg.width(sample) + 4 * seg.thickness > maxWidth) {
			seg = new SevenSegment(seg.height - 1);
		}
		return seg;
	}

	int height() {
		return this.height;
	}

	int thickness() {
		return this.thickness;
	}

	/** Width that {@link #draw} will cover for {@code text}, without trailing gap. */
	int width(CharSequence text) {
		int w = 0;
		for (int i = 0; i < text.length(); i++) {
			w += advance(text.charAt(i));
		}
		return Math.max(0, w - this.gap);
	}

	/**
	 * Draws {@code text} with its top-left corner at (x, y) in the graphics' current
	 * colour; returns the end x.
	 */
	int draw(Graphics2D g, CharSequence text, int x, int y) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			drawChar(g, c, x, y);
			x += advance(c);
		}
		return x;
	}

	private int advance(char c) {
		// A full-width space keeps date and time apart; a right-aligned '1' otherwise
		// seems to join them.
		return (isDigit(c) || c == ' ' ? this.digitWidth : this.narrowWidth) + this.gap;
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

	private void drawChar(Graphics2D g, char c, int x, int y) {
		int t = this.thickness;
		int midY = y + (this.height - t) / 2;
		if (isDigit(c)) {
			drawSegments(g, DIGITS[c - '0'], x, y);
		}
		else if (c == '-') {
			g.fillRect(x, midY, this.narrowWidth, t);
		}
		else if (c == ':') {
			int dotX = x + (this.narrowWidth - t) / 2;
			g.fillRect(dotX, y + this.height / 4, t, t);
			g.fillRect(dotX, y + this.height * 3 / 4 - t, t, t);
		}
		else if (c == '.') {
			g.fillRect(x + (this.narrowWidth - t) / 2, y + this.height - t, t, t);
		}
		// Anything else (space included) is left blank rather than failing: the caller
		// only formats numbers.
	}

	private void drawSegments(Graphics2D g, int mask, int x, int y) {
		int t = this.thickness;
		int w = this.digitWidth;
		int h = this.height;
		int midY = y + (h - t) / 2;
		// Segments overlap at the corners: notched corners turned '1' into two dots at
		// small sizes.
		int upperH = midY + t - y;
		int lowerH = y + h - midY;
		if ((mask & A) != 0) {
			g.fillRect(x, y, w, t);
		}
		if ((mask & G) != 0) {
			g.fillRect(x, midY, w, t);
		}
		if ((mask & D) != 0) {
			g.fillRect(x, y + h - t, w, t);
		}
		if ((mask & F) != 0) {
			g.fillRect(x, y, t, upperH);
		}
		if ((mask & B) != 0) {
			g.fillRect(x + w - t, y, t, upperH);
		}
		if ((mask & E) != 0) {
			g.fillRect(x, midY, t, lowerH);
		}
		if ((mask & C) != 0) {
			g.fillRect(x + w - t, midY, t, lowerH);
		}
	}

}
