package io.videostore.config.loader;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How environment variables override {@code config.yml}: every key by a variable named
 * after its path, {@code VIDEOSTORE_} plus the path upper-cased with dots and dashes
 * turned into {@code _} and a list index into {@code _N} ({@code video.duration} is
 * {@code VIDEOSTORE_VIDEO_DURATION}, {@code IXON_api.password} is
 * {@code VIDEOSTORE_IXON_API_PASSWORD}, {@code cameras[0].url} is
 * {@code VIDEOSTORE_CAMERAS_0_URL}). Such a variable wins over the older alias names,
 * which win over the file. Only values are overridden, not whole sections, and an empty
 * variable counts as unset.
 */
public final class ConfigEnvironment {

	/** The prefix of every variable the service reads. */
	public static final String PREFIX = "VIDEOSTORE_";

	/**
	 * Variables of this prefix that are not configuration keys: the tests' and
	 * benchmarks' switches, and the Spring properties {@code videostore.*} of the web
	 * server, uploads, notifications and retention.
	 */
	static final Set<String> NOT_KEYS = Set.of("VIDEOSTORE_CONFIG", "VIDEOSTORE_CACHE_DIR",
			"VIDEOSTORE_REQUIRE_RTSP_TESTS", "VIDEOSTORE_REQUIRE_POSTGRES", "VIDEOSTORE_REQUIRE_BROWSER",
			"VIDEOSTORE_REQUIRE_QEMU", "VIDEOSTORE_REQUIRE_SMALL_DISK", "VIDEOSTORE_REQUIRE_NGINX",
			"VIDEOSTORE_TEST_DATABASE", "VIDEOSTORE_TEST_POSTGRES_URL", "VIDEOSTORE_BENCH",
			"VIDEOSTORE_HTTP_HEADER_TIMEOUT", "VIDEOSTORE_WEBHOOK_BODY_TIMEOUT", "VIDEOSTORE_UPLOADS_ENABLED",
			"VIDEOSTORE_UPLOADS_MIN_BACKOFF", "VIDEOSTORE_UPLOADS_MAX_BACKOFF", "VIDEOSTORE_UPLOADS_STALE_AFTER",
			"VIDEOSTORE_NOTIFY_MIN_BACKOFF", "VIDEOSTORE_RETENTION_ENABLED");

	private ConfigEnvironment() {
	}

	/**
	 * The variable that overrides the key at this path, e.g.
	 * {@code VIDEOSTORE_VIDEO_DURATION}.
	 */
	public static String variableFor(String path) {
		return PREFIX
				+ path.replaceAll("\\[(\\d+)]", ".$1").replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
	}

	/**
	 * Every variable that can override the key at this path, in order of precedence: its
	 * own, then the alias names earlier versions read.
	 */
	public static List<String> variablesFor(String path, String cameraId) {
		List<String> names = new ArrayList<>(List.of(variableFor(path)));
		names.addAll(aliasesFor(path, cameraId));
		return names;
	}

	/**
	 * The older names of the variable for a key, for one camera when the key is a
	 * camera's.
	 */
	static List<String> aliasesFor(String path, String cameraId) {
		String key = path.substring(path.lastIndexOf('.') + 1);
		return switch (path.startsWith("IXON_api.") ? "IXON_api." + key : key) {
			case "IXON_api.api_key" -> List.of("VIDEOSTORE_IXON_API_KEY");
			case "IXON_api.email" -> List.of("VIDEOSTORE_IXON_EMAIL");
			case "IXON_api.password" -> List.of("VIDEOSTORE_IXON_PASSWORD");
			case "IXON_api.otp_secret" -> List.of("VIDEOSTORE_IXON_OTP_SECRET");
			case "IXON_api.access_token" -> List.of("VIDEOSTORE_IXON_ACCESS_TOKEN");
			case "secret" -> path.equals("webhooks.secret") ? List.of("VIDEOSTORE_WEBHOOK_SECRET") : List.of();
			case "username" -> (cameraId != null && path.endsWith("auth.username"))
					? List.of(cameraVariable(cameraId, "USERNAME")) : List.of();
			case "password" -> (cameraId == null || !path.endsWith("auth.password")) ? List.of()
					: path.equals("camera.auth.password")
							? List.of(cameraVariable(cameraId, "PASSWORD"), "VIDEOSTORE_CAMERA_PASSWORD")
							: List.of(cameraVariable(cameraId, "PASSWORD"));
			default -> List.of();
		};
	}

	/** {@code VIDEOSTORE_CAMERA_<ID>_<WHAT>}, the id upper-cased with '-' as '_'. */
	static String cameraVariable(String cameraId, String what) {
		return PREFIX + "CAMERA_" + cameraId.toUpperCase(Locale.ROOT).replace('-', '_') + "_" + what;
	}

}
