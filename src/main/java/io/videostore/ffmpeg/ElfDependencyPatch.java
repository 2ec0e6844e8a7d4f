package io.videostore.ffmpeg;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Cuts optional system-library dependencies out of the bundled {@code libavdevice}.
 * <p>
 * The bundled ffmpeg links libavdevice, which needs PulseAudio, ALSA and XCB (for capture
 * devices this service never uses). A machine with only a JDK has none of them, so the
 * binary would not even start. No Java library edits ELF dynamic sections (patchelf is a
 * C++ tool that may not be installed), hence this small hand-written patch: each unwanted
 * {@code DT_NEEDED} name is overwritten with the name of a library that is bundled
 * anyway, and its symbol-version requirements are unlinked. The capture devices'
 * functions stay unresolved; they are bound lazily and never called.
 */
final class ElfDependencyPatch {

	static final Set<String> UNWANTED = Set.of("libpulse.so.0", "libasound.so.2", "libxcb.so.1", "libxcb-shm.so.0");

	private static final int SHT_GNU_VERNEED = 0x6ffffffe;

	private final ByteBuffer elf;

	private final String replacement;

	private ElfDependencyPatch(byte[] bytes, String replacement) {
		this.elf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
		this.replacement = replacement;
	}

	/**
	 * Patches a 64-bit little-endian ELF shared object in place.
	 * @param bytes the file's content
	 * @param replacement a library name no longer than any unwanted one, already loaded
	 * by the process
	 * @return true when something was changed
	 */
	static boolean patch(byte[] bytes, String replacement) {
		if (bytes.length < 64 || bytes[0] != 0x7f || bytes[1] != 'E' || bytes[4] != 2 || bytes[5] != 1) {
			return false;
		}
		return new ElfDependencyPatch(bytes, replacement).apply();
	}

	private boolean apply() {
		long shoff = elf.getLong(0x28);
		int shentsize = Short.toUnsignedInt(elf.getShort(0x3A));
		int shnum = Short.toUnsignedInt(elf.getShort(0x3C));
		for (int i = 0; i < shnum; i++) {
			int header = (int) (shoff + (long) i * shentsize);
			if (elf.getInt(header + 4) == SHT_GNU_VERNEED) {
				int link = elf.getInt(header + 40);
				int strtab = (int) elf.getLong((int) (shoff + (long) link * shentsize) + 24);
				int strsize = (int) elf.getLong((int) (shoff + (long) link * shentsize) + 32);
				int verneed = (int) elf.getLong(header + 24);
				unlinkUnwantedVersionNeeds(verneed, strtab);
				return renameUnwantedLibraries(strtab, strsize);
			}
		}
		return false;
	}

	private void unlinkUnwantedVersionNeeds(int first, int strtab) {
		List<Integer> kept = new ArrayList<>();
		int entry = first;
		while (true) {
			if (!UNWANTED.contains(string(strtab + elf.getInt(entry + 4)))) {
				kept.add(entry);
			}
			int next = elf.getInt(entry + 12);
			if (next == 0) {
				break;
			}
			entry += next;
		}
		for (int k = 0; k < kept.size(); k++) {
			int next = (k + 1 < kept.size()) ? kept.get(k + 1) - kept.get(k) : 0;
			elf.putInt(kept.get(k) + 12, next);
		}
	}

	private boolean renameUnwantedLibraries(int strtab, int strsize) {
		boolean changed = false;
		int pos = strtab;
		while (pos < strtab + strsize) {
			String s = string(pos);
			if (UNWANTED.contains(s) && replacement.length() <= s.length()) {
				byte[] name = replacement.getBytes(StandardCharsets.US_ASCII);
				for (int j = 0; j < s.length(); j++) {
					elf.put(pos + j, (j < name.length) ? name[j] : 0);
				}
				changed = true;
			}
			pos += s.length() + 1;
		}
		return changed;
	}

	private String string(int offset) {
		int end = offset;
		while (elf.get(end) != 0) {
			end++;
		}
		byte[] b = new byte[end - offset];
		elf.get(offset, b);
		return new String(b, StandardCharsets.ISO_8859_1);
	}

}
