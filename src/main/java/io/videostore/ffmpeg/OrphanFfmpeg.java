package io.videostore.ffmpeg;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Buffering ffmpeg processes left by a service that was killed with SIGKILL. One that
 * reads its camera from a pipe ends with the JVM, but one that opens the camera itself
 * (RTSP) keeps running, holding the camera stream and writing segments. Before a camera's
 * buffer starts, every process writing into that camera's folder is stopped: the folder
 * belongs to this buffer alone.
 */
public final class OrphanFfmpeg {

	private static final Logger log = LoggerFactory.getLogger(OrphanFfmpeg.class);

	private OrphanFfmpeg() {
	}

	/**
	 * Stops (SIGTERM, then SIGKILL after 3 s) every process whose segment output is in
	 * {@code folder}.
	 */
	public static int stopWritersInto(Path folder) {
		return stopWriters(folder, folder.toAbsolutePath().resolve("seg-").toString());
	}

	/**
	 * Stops every process with an argument naming a work file in {@code folder} whose
	 * name begins with {@code prefix} (a job's, given by the recording side), such as a
	 * finalize or assembly ffmpeg left writing into {@code .partial/} by a killed JVM: it
	 * reads files, not a pipe, so it does not end with the JVM.
	 */
	public static int stopWritersOf(Path folder, String prefix) {
		return stopWriters(folder, folder.toAbsolutePath().resolve(prefix).toString());
	}

	private static int stopWriters(Path folder, String output) {
		List<ProcessHandle> writers = ProcessHandle.allProcesses()
			.filter((p) -> p.pid() != ProcessHandle.current().pid())
			.filter((p) -> p.info()
				.arguments()
				.map((args) -> Arrays.stream(args).anyMatch((a) -> a.startsWith(output)))
				.orElse(false))
			.toList();
		for (ProcessHandle p : writers) {
			log.warn("Stopping ffmpeg (pid {}) left writing into {} by an earlier run of the service", p.pid(), folder);
			p.destroy();
		}
		for (ProcessHandle p : writers) {
			CompletableFuture<ProcessHandle> exit = p.onExit();
			try {
				exit.get(3, TimeUnit.SECONDS);
			}
			catch (TimeoutException | ExecutionException ex) {
				p.destroyForcibly();
			}
			catch (InterruptedException ex) {
				p.destroyForcibly();
				Thread.currentThread().interrupt();
			}
		}
		return writers.size();
	}

}
