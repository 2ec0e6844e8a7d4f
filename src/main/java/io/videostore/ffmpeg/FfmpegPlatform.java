package io.videostore.ffmpeg;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A platform for which the jar can carry the {@code org.bytedeco:ffmpeg} build, and what
 * that build needs to start on a machine with only a JDK.
 */
enum FfmpegPlatform {

	/** Ships libva and libdrm itself, under unversioned names. */
	LINUX_X86_64("linux-x86_64", Set.of("amd64", "x86_64"), List.of("libdrm.so.2", "libva.so", "libva-drm.so"),
			Map.of("libva.so", "libva.so.2", "libva-drm.so", "libva-drm.so.2"), Set.of()),

	/**
	 * Links libva and libdrm (for VAAPI, which this service never uses) without shipping
	 * them, so they are cut out like the capture devices' libraries.
	 */
	LINUX_ARM64("linux-arm64", Set.of("aarch64", "arm64"), List.of(), Map.of(),
			Set.of("libva.so.2", "libva-drm.so.2", "libdrm.so.2"));

	private static final List<String> COMMON_FILES = List.of("ffmpeg", "ffprobe", "libavcodec.so.61",
			"libavdevice.so.61", "libavfilter.so.10", "libavformat.so.61", "libavutil.so.59", "libswresample.so.5",
			"libswscale.so.8");

	/**
	 * Libraries of capture devices (audio, X11), cut out everywhere: the arm64 build
	 * ships ALSA, but nothing here uses it.
	 */
	private static final Set<String> CAPTURE_LIBRARIES = Set.of("libpulse.so.0", "libasound.so.2", "libxcb.so.1",
			"libxcb-shm.so.0");

	private final String classifier;

	private final Set<String> osArchs;

	private final List<String> extraFiles;

	private final Map<String, String> aliases;

	private final Set<String> missingLibraries;

	FfmpegPlatform(String classifier, Set<String> osArchs, List<String> extraFiles, Map<String, String> aliases,
			Set<String> missingLibraries) {
		this.classifier = classifier;
		this.osArchs = osArchs;
		this.extraFiles = extraFiles;
		this.aliases = aliases;
		this.missingLibraries = missingLibraries;
	}

	/**
	 * The platform of this JVM ({@code os.name}, {@code os.arch}), if the jar knows it.
	 */
	static Optional<FfmpegPlatform> current() {
		return of(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
	}

	static Optional<FfmpegPlatform> of(String osName, String osArch) {
		if (!osName.toLowerCase(Locale.ROOT).contains("linux")) {
			return Optional.empty();
		}
		return Arrays.stream(values()).filter((p) -> p.osArchs.contains(osArch.toLowerCase(Locale.ROOT))).findFirst();
	}

	/** The Maven classifier and the folder of the binaries inside its jar. */
	String classifier() {
		return this.classifier;
	}

	/** The jar resource folder holding this platform's binaries. */
	String resources() {
		return "org/bytedeco/ffmpeg/" + this.classifier + "/";
	}

	/** The files to unpack: both executables and the libraries they load. */
	List<String> files() {
		return Stream.concat(COMMON_FILES.stream(), this.extraFiles.stream()).toList();
	}

	/** Copies to make after unpacking: shipped name to the name the libraries ask for. */
	Map<String, String> aliases() {
		return this.aliases;
	}

	/**
	 * The {@code DT_NEEDED} libraries to cut out: the build does not ship them and a
	 * machine with only a JDK lacks them.
	 */
	Set<String> unwanted() {
		return Stream.concat(CAPTURE_LIBRARIES.stream(), this.missingLibraries.stream())
			.collect(Collectors.toUnmodifiableSet());
	}

	/** What every platform's name and {@code os.arch} values are, for messages. */
	static String supported() {
		return Arrays.stream(values())
			.map((p) -> p.classifier + " (os.arch " + String.join(", ", p.osArchs.stream().sorted().toList()) + ")")
			.collect(Collectors.joining(" and "));
	}

}
