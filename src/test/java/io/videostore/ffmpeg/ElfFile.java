package io.videostore.ffmpeg;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the dynamic loader reads from a 64-bit little-endian ELF file: its machine, its
 * interpreter, the libraries it needs and the files its symbol versions are required
 * from. A reader independent of {@link ElfDependencyPatch}, so the tests need no readelf.
 */
record ElfFile(int machine, Optional<String> interpreter, List<String> needed, List<String> versionNeeds) {

	static final int EM_X86_64 = 62;

	static final int EM_AARCH64 = 183;

	static ElfFile read(Path file) throws IOException {
		ByteBuffer elf = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
		int machine = Short.toUnsignedInt(elf.getShort(0x12));
		return new ElfFile(machine, interpreter(elf), dynamicStrings(elf, false), dynamicStrings(elf, true));
	}

	private static Optional<String> interpreter(ByteBuffer elf) {
		long phoff = elf.getLong(0x20);
		int phentsize = Short.toUnsignedInt(elf.getShort(0x36));
		int phnum = Short.toUnsignedInt(elf.getShort(0x38));
		for (int i = 0; i < phnum; i++) {
			int header = (int) (phoff + (long) i * phentsize);
			if (elf.getInt(header) == 3) {
				return Optional.of(string(elf, (int) elf.getLong(header + 8)));
			}
		}
		return Optional.empty();
	}

	/** DT_NEEDED names, or the vn_file names along the version-need chain. */
	private static List<String> dynamicStrings(ByteBuffer elf, boolean versionNeeds) {
		long shoff = elf.getLong(0x28);
		int shentsize = Short.toUnsignedInt(elf.getShort(0x3A));
		int shnum = Short.toUnsignedInt(elf.getShort(0x3C));
		List<String> names = new ArrayList<>();
		for (int i = 0; i < shnum; i++) {
			int header = (int) (shoff + (long) i * shentsize);
			int strtab = (int) elf.getLong((int) (shoff + (long) elf.getInt(header + 40) * shentsize) + 24);
			int offset = (int) elf.getLong(header + 24);
			if (!versionNeeds && elf.getInt(header + 4) == 6) {
				for (int d = offset; elf.getLong(d) != 0; d += 16) {
					if (elf.getLong(d) == 1) {
						names.add(string(elf, strtab + (int) elf.getLong(d + 8)));
					}
				}
			}
			if (versionNeeds && elf.getInt(header + 4) == 0x6ffffffe) {
				for (int entry = offset, next = -1; next != 0; entry += next) {
					names.add(string(elf, strtab + elf.getInt(entry + 4)));
					next = elf.getInt(entry + 12);
				}
			}
		}
		return names;
	}

	private static String string(ByteBuffer elf, int offset) {
		int end = offset;
		while (elf.get(end) != 0) {
			end++;
		}
		byte[] b = new byte[end - offset];
		elf.get(offset, b);
		return new String(b, StandardCharsets.ISO_8859_1);
	}

}
