package io.videostore.ffmpeg;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds ffmpeg in this order: {@code video.ffmpeg_path} when set, the build bundled in
 * the jar for this platform ({@code os.arch}), then the PATH. Each candidate is checked
 * by running it, and the result is cached per configured path.
 */
public class FfmpegLocator {

	private static final Logger log = LoggerFactory.getLogger(FfmpegLocator.class);

	private final Path cacheRoot;

	private final Map<String, FfmpegBinaries> found = new ConcurrentHashMap<>();

	public FfmpegLocator(Path cacheRoot) {
		this.cacheRoot = cacheRoot;
	}

	/**
	 * A locator caching the bundled build under {@code $VIDEOSTORE_CACHE_DIR}, the XDG
	 * cache or the temp folder.
	 */
	public static FfmpegLocator withDefaultCache() {
		return new FfmpegLocator(defaultCacheRoot());
	}

	/**
	 * The ffmpeg to use for a {@code video.ffmpeg_path} value ({@code auto} or empty for
	 * the default order).
	 * @throws FfmpegNotFoundException with the reason and what to do
	 */
	public FfmpegBinaries locate(String configuredPath) {
		String key = (configuredPath == null || configuredPath.isBlank()) ? "auto" : configuredPath.trim();
		return found.computeIfAbsent(key, this::find);
	}

	private FfmpegBinaries find(String configured) {
		if (!configured.equals("auto")) {
			Path ffmpeg = Path.of(configured);
			Path sibling = ffmpeg.resolveSibling("ffprobe");
			Path ffprobe = Files.isExecutable(sibling) ? sibling : Path.of("ffprobe");
			return check(ffmpeg, ffprobe, Map.of(), "video.ffmpeg_path").orElseThrow(() -> new FfmpegNotFoundException(
					"video.ffmpeg_path '" + configured + "' does not run as ffmpeg; fix the path or set it to 'auto'"));
		}
		List<String> tried = new ArrayList<>();
		Optional<FfmpegBinaries> bundled = bundled(tried);
		if (bundled.isPresent()) {
			return bundled.get();
		}
		return check(Path.of("ffmpeg"), Path.of("ffprobe"), Map.of(), "PATH")
			.orElseThrow(() -> new FfmpegNotFoundException("ffmpeg not found: " + String.join("; ", tried)
					+ "; and no working ffmpeg/ffprobe on the PATH (install ffmpeg, or set video.ffmpeg_path)"));
	}

	private Optional<FfmpegBinaries> bundled(List<String> tried) {
		Optional<FfmpegPlatform> platform = FfmpegPlatform.current();
		String here = System.getProperty("os.name") + "/" + System.getProperty("os.arch");
		if (platform.isEmpty()) {
			return notBundled(tried,
					"no bundled ffmpeg for " + here + ": the jar has it for " + FfmpegPlatform.supported() + " only");
		}
		if (!BundledFfmpeg.carries(platform.get())) {
			return notBundled(tried, "this jar has no bundled ffmpeg for " + platform.get().classifier()
					+ ": it was built with -Djavacpp.platform for the other platform");
		}
		try {
			Path dir = BundledFfmpeg.unpack(this.cacheRoot, platform.get());
			Map<String, String> env = Map.of("LD_LIBRARY_PATH", dir.toString());
			Optional<FfmpegBinaries> ok = check(dir.resolve("ffmpeg"), dir.resolve("ffprobe"), env, "bundled");
			if (ok.isEmpty()) {
				tried.add("the bundled build in " + dir + " does not start on this system");
			}
			return ok;
		}
		catch (RuntimeException ex) {
			tried.add(ex.getMessage());
			return Optional.empty();
		}
	}

	private static Optional<FfmpegBinaries> notBundled(List<String> tried, String reason) {
		log.warn("{}; looking for ffmpeg on the PATH", reason);
		tried.add(reason);
		return Optional.empty();
	}

	private Optional<FfmpegBinaries> check(Path ffmpeg, Path ffprobe, Map<String, String> env, String origin) {
		Optional<String> version = run(List.of(ffmpeg.toString(), "-hide_banner", "-version"), env);
		Optional<String> probe = run(List.of(ffprobe.toString(), "-hide_banner", "-version"), env);
		if (version.isEmpty() || probe.isEmpty() || !version.get().startsWith("ffmpeg version")) {
			log.debug("ffmpeg candidate {} ({}) does not run", ffmpeg, origin);
			return Optional.empty();
		}
		String encoders = run(List.of(ffmpeg.toString(), "-hide_banner", "-encoders"), env).orElse("");
		String h264 = encoders.contains(" libx264 ") ? "libx264"
				: encoders.contains(" libopenh264 ") ? "libopenh264" : null;
		String firstLine = version.get().lines().findFirst().orElse("ffmpeg");
		log.info("Using ffmpeg from {}: {} ({})", origin, ffmpeg, firstLine);
		return Optional.of(new FfmpegBinaries(ffmpeg, ffprobe, env, h264, origin, firstLine));
	}

	private static Optional<String> run(List<String> command, Map<String, String> env) {
		try {
			ShortJob.Result r = ShortJob.run(command, env, Duration.ofSeconds(15));
			return (r.exitCode() == 0) ? Optional.of(r.stdout() + r.stderr()) : Optional.empty();
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

	static Path defaultCacheRoot() {
		String explicit = System.getenv("VIDEOSTORE_CACHE_DIR");
		if (explicit != null && !explicit.isBlank()) {
			return Path.of(explicit);
		}
		String xdg = System.getenv("XDG_CACHE_HOME");
		Path home = Path.of(System.getProperty("user.home", "/nonexistent"));
		Path base = (xdg != null && !xdg.isBlank()) ? Path.of(xdg) : home.resolve(".cache");
		if (Files.isWritable(base) || (!Files.exists(base) && Files.isWritable(home))) {
			return base.resolve("video-store");
		}
		return Path.of(System.getProperty("java.io.tmpdir"), "video-store-" + System.getProperty("user.name"));
	}

}
