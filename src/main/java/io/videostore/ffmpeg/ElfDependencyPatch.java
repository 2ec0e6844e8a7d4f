package io.videostore.ffmpeg;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Cuts system-library dependencies that a machine with only a JDK lacks out of the
 * bundled ffmpeg libraries.
 * <p>
 * libavdevice links PulseAudio, ALSA and XCB (for capture devices this service never
 * uses); on linux-arm64 libavutil, libavcodec and libavfilter also link libva and libdrm
 * (for VAAPI), which that build does not ship. Without them the binary would not even
 * start. No Java library edits ELF dynamic sections (patchelf is a C++ tool that may not
 * be installed), hence this small hand-written patch: each unwanted {@code DT_NEEDED}
 * name is overwritten with the name of a library that is loaded anyway, and its
 * symbol-version requirements are unlinked. The functions stay unresolved; every
 * reference to them is a lazily bound PLT slot ({@code JUMP_SLOT}) that is never called.
 * Only the file format matters here, not the machine: x86_64 and aarch64 libraries are
 * patched alike.
 */
final class ElfDependencyPatch {

	private static final int SHT_DYNAMIC = 6;

	private static final int SHT_GNU_VERNEED = 0x6ffffffe;

	private static final long DT_NULL = 0;

	private static final long DT_NEEDED = 1;

	private static final long DT_VERNEEDNUM = 0x6fffffffL;

	private final ByteBuffer elf;

	private final Set<String> unwanted;

	private final String replacement;

	private ElfDependencyPatch(ByteBuffer elf, Set<String> unwanted, String replacement) {
		for (String name : unwanted) {
			if (replacement.length() > name.length()) {
				throw new IllegalArgumentException(replacement + " is longer than " + name);
			}
		}
		this.elf = elf.order(ByteOrder.LITTLE_ENDIAN);
		this.unwanted = unwanted;
		this.replacement = replacement;
	}

	/**
	 * Patches a 64-bit little-endian ELF shared object in place.
	 * @param file the library
	 * @param unwanted the library names to cut out
	 * @param replacement a library name no longer than any unwanted one, already loaded
	 * by the process
	 * @return true when something was changed
	 */
	static boolean patch(Path file, Set<String> unwanted, String replacement) throws IOException {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
			MappedByteBuffer bytes = channel.map(FileChannel.MapMode.READ_WRITE, 0, channel.size());
			if (bytes.limit() < 64 || bytes.get(0) != 0x7f || bytes.get(1) != 'E' || bytes.get(4) != 2
					|| bytes.get(5) != 1) {
				return false;
			}
			boolean changed = new ElfDependencyPatch(bytes, unwanted, replacement).apply();
			bytes.force();
			return changed;
		}
	}

	private boolean apply() {
		long shoff = this.elf.getLong(0x28);
		int shentsize = Short.toUnsignedInt(this.elf.getShort(0x3A));
		int shnum = Short.toUnsignedInt(this.elf.getShort(0x3C));
		int dynamic = -1;
		int verneed = -1;
		for (int i = 0; i < shnum; i++) {
			int header = (int) (shoff + (long) i * shentsize);
			int type = this.elf.getInt(header + 4);
			dynamic = (type == SHT_DYNAMIC) ? header : dynamic;
			verneed = (type == SHT_GNU_VERNEED) ? header : verneed;
		}
		if (dynamic < 0) {
			return false;
		}
		int strtab = (int) this.elf.getLong((int) (shoff + (long) this.elf.getInt(dynamic + 40) * shentsize) + 24);
		if (verneed >= 0) {
			int kept = unlinkUnwantedVersionNeeds((int) this.elf.getLong(verneed + 24), strtab);
			this.elf.putInt(verneed + 44, kept);
			setDynamic(dynamic, DT_VERNEEDNUM, kept);
		}
		return renameUnwantedLibraries(dynamic, strtab);
	}

	/**
	 * Drops the unwanted files' entries from the chain of version needs. The loader finds
	 * the chain at a fixed address, so when the first entry goes, the first kept one is
	 * copied over it. Returns how many entries are left.
	 */
	private int unlinkUnwantedVersionNeeds(int first, int strtab) {
		List<Integer> kept = new ArrayList<>();
		int entry = first;
		while (true) {
			if (!this.unwanted.contains(string(strtab + this.elf.getInt(entry + 4)))) {
				kept.add(entry);
			}
			int next = this.elf.getInt(entry + 12);
			if (next == 0) {
				break;
			}
			entry += next;
		}
		if (kept.isEmpty()) {
			throw new IllegalStateException("every version need is unwanted; libc at least must stay");
		}
		if (kept.get(0) != first) {
			// Vernaux entries are found relative to their Verneed: keep pointing at them.
			int moved = kept.get(0);
			this.elf.putShort(first, this.elf.getShort(moved));
			this.elf.putShort(first + 2, this.elf.getShort(moved + 2));
			this.elf.putInt(first + 4, this.elf.getInt(moved + 4));
			this.elf.putInt(first + 8, this.elf.getInt(moved + 8) + (moved - first));
			kept.set(0, first);
		}
		for (int k = 0; k < kept.size(); k++) {
			int next = (k + 1 < kept.size()) ? kept.get(k + 1) - kept.get(k) : 0;
			this.elf.putInt(kept.get(k) + 12, next);
		}
		return kept.size();
	}

	private void setDynamic(int dynamic, long tag, long value) {
		int start = (int) this.elf.getLong(dynamic + 24);
		int end = start + (int) this.elf.getLong(dynamic + 32);
		for (int d = start; d + 16 <= end && this.elf.getLong(d) != DT_NULL; d += 16) {
			if (this.elf.getLong(d) == tag) {
				this.elf.putLong(d + 8, value);
			}
		}
	}

	/** Overwrites each unwanted {@code DT_NEEDED} string in place. */
	private boolean renameUnwantedLibraries(int dynamic, int strtab) {
		byte[] name = this.replacement.getBytes(StandardCharsets.US_ASCII);
		boolean changed = false;
		int start = (int) this.elf.getLong(dynamic + 24);
		int end = start + (int) this.elf.getLong(dynamic + 32);
		for (int d = start; d + 16 <= end && this.elf.getLong(d) != DT_NULL; d += 16) {
			int pos = strtab + (int) this.elf.getLong(d + 8);
			String s = (this.elf.getLong(d) == DT_NEEDED) ? string(pos) : "";
			if (this.unwanted.contains(s)) {
				for (int j = 0; j < s.length(); j++) {
					this.elf.put(pos + j, (j < name.length) ? name[j] : 0);
				}
				changed = true;
			}
		}
		return changed;
	}

	private String string(int offset) {
		int end = offset;
		while (this.elf.get(end) != 0) {
			end++;
		}
		byte[] b = new byte[end - offset];
		this.elf.get(offset, b);
		return new String(b, StandardCharsets.ISO_8859_1);
	}

}
