package io.videostore.storage;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.Map;

/**
 * Spells text in ASCII for file names: accents are stripped, a few Latin letters,
 * Cyrillic and Greek are transliterated, and what has no ASCII spelling (CJK, emoji) is
 * dropped. File names must be ASCII because a JVM started without a locale (systemd,
 * cron, some containers) encodes file names as ASCII and cannot create any other.
 * Hand-written: ICU4J would do it, but at 14 MB for a few tables.
 *
 * @param text the ASCII spelling
 * @param dropped true when a letter, digit or symbol had no ASCII spelling and was left
 * out
 */
record Transliteration(String text, boolean dropped) {

	private static final Map<Integer, String> TABLE = new HashMap<>();

	static {
		// Latin letters that do not decompose into a base letter and a mark.
		add("ß ss ẞ SS æ ae Æ AE ø o Ø O œ oe Œ OE ł l Ł L đ d Đ D ð d Ð D þ th Þ Th ı i ħ h Ħ H ŀ l Ŀ L "
				+ "ŋ ng Ŋ Ng ĸ k ſ s ŧ t Ŧ T ƒ f");
		// Cyrillic: Russian, Ukrainian, Belarusian, Serbian and Macedonian letters (the
		// hard and soft signs have no sound of their own, so no spelling either).
		add("а a б b в v г g д d е e ё yo ж zh з z и i й y к k л l м m н n о o п p р r с s т t у u ф f "
				+ "х kh ц ts ч ch ш sh щ shch ы y э e ю yu я ya є ye і i ї yi ґ g ў u ђ dj ј j љ lj њ nj "
				+ "ћ c џ dz ѓ gj ќ kj ѕ dz");
		TABLE.put((int) 'ъ', "");
		TABLE.put((int) 'ь', "");
		TABLE.put((int) 'Ъ', "");
		TABLE.put((int) 'Ь', "");
		// Greek (accented letters decompose to these first).
		add("α a β v γ g δ d ε e ζ z η i θ th ι i κ k λ l μ m ν n ξ x ο o π p ρ r σ s ς s τ t υ y φ f "
				+ "χ ch ψ ps ω o");
	}

	/**
	 * Adds lower-case pairs "letter spelling …", and their upper-case forms (Ж → Zh).
	 */
	private static void add(String pairs) {
		String[] words = pairs.split(" ");
		for (int i = 0; i < words.length; i += 2) {
			int letter = words[i].codePointAt(0);
			String spelling = words[i + 1];
			TABLE.put(letter, spelling);
			int upper = Character.toUpperCase(letter);
			if (upper != letter && !TABLE.containsKey(upper)) {
				TABLE.put(upper,
						spelling.isEmpty() ? "" : Character.toUpperCase(spelling.charAt(0)) + spelling.substring(1));
			}
		}
	}

	/** The ASCII spelling of the text; ASCII stays as it is. */
	static Transliteration of(String text) {
		StringBuilder ascii = new StringBuilder(text.length());
		boolean dropped = false;
		for (int c : text.codePoints().toArray()) {
			if (c < 0x80) {
				ascii.append((char) c);
			}
			else if (TABLE.containsKey(c)) {
				ascii.append(TABLE.get(c));
			}
			else {
				dropped |= !decomposed(c, ascii);
			}
		}
		return new Transliteration(ascii.toString(), dropped);
	}

	/**
	 * Appends the compatibility decomposition without marks (é → e, ﬁ → fi, Ａ → A, ά →
	 * a); false when a letter, digit or symbol was left out.
	 */
	private static boolean decomposed(int c, StringBuilder ascii) {
		boolean complete = true;
		String parts = Normalizer.normalize(Character.toString(c), Normalizer.Form.NFKD);
		for (int p : parts.codePoints().toArray()) {
			if (p < 0x80) {
				ascii.append((char) p);
			}
			else if (TABLE.containsKey(p)) {
				ascii.append(TABLE.get(p));
			}
			else if (worthKeeping(p)) {
				complete = false;
			}
		}
		return complete;
	}

	/**
	 * Letters, digits and symbols tell devices apart; marks, spaces, punctuation and
	 * control characters do not.
	 */
	private static boolean worthKeeping(int c) {
		int type = Character.getType(c);
		return Character.isLetterOrDigit(c) || type == Character.OTHER_SYMBOL || type == Character.SURROGATE
				|| type == Character.LETTER_NUMBER || type == Character.OTHER_NUMBER;
	}

}
