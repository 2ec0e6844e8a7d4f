package io.videostore.storage;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;

/**
 * Publishes one clip for a device, as a recording does, in a JVM of its own: for tests
 * that need a JVM started differently (no locale). Arguments: the output folder and the
 * device name URL-encoded (a command line without a locale cannot carry non-ASCII); with
 * a third argument {@code as-is}, the device name is the file name itself, unchecked.
 * Prints the JVM's file name encoding and the published file's name, URL-encoded.
 */
public final class PublishClipMain {

	private PublishClipMain() {
	}

	public static void main(String[] args) throws Exception {
		Path output = Path.of(args[0]);
		String device = URLDecoder.decode(args[1], StandardCharsets.UTF_8);
		ClipStore store = new ClipStore(Clock.systemUTC());
		Path finished = Files.writeString(store.partialDir(output).resolve("job.mp4"), "clip");
		String name = (args.length > 2 && args[2].equals("as-is")) ? device
				: ClipNames.forAlarm(LocalDateTime.of(2019, 8, 29, 12, 26, 24), device);
		Path stored = store.store(finished, output, name);
		System.out.println("sun.jnu.encoding=" + System.getProperty("sun.jnu.encoding"));
		System.out.println("stored=" + stored.getFileName());
	}

}
