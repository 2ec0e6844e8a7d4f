package io.videostore.config.loader;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import io.videostore.config.CameraAuth;
import io.videostore.config.CameraConfig;
import io.videostore.config.CameraSourceType;
import io.videostore.config.MatchRules;
import io.videostore.config.VideoConfig;

/**
 * Reads one camera: the legacy single {@code camera} section or one {@code cameras[n]}
 * entry.
 */
final class CameraReader {

	static final String LEGACY_ID = "default";

	private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]+");

	private static final String ID_EXPECTED = "an id of letters, digits, _ or -";

	private static final Set<String> URL_SCHEMES = Set.of("http", "https", "rtsp");

	private final VideoConfig video;

	private final ConfigContext context;

	CameraReader(VideoConfig video, ConfigContext context) {
		this.video = video;
		this.context = context;
	}

	/**
	 * The legacy camera, empty when its {@code webaccess_service_id} is empty (not
	 * configured).
	 */
	Optional<CameraConfig> legacy(YamlMap camera) {
		CameraAuth auth = AuthReader.read(camera.map("auth"), LEGACY_ID, true, this.context);
		String accessType = accessType(camera);
		String streamPath = camera.string("stream_path", "");
		String serviceId = camera.string("webaccess_service_id", "").strip();
		String companyId = camera.string("company_id", "").strip();
		camera.warnUnread();
		if (serviceId.isEmpty()) {
			return Optional.empty();
		}
		required(camera, "company_id", "the IXON company publicId");
		return Optional.of(new CameraConfig(LEGACY_ID, LEGACY_ID, CameraSourceType.IXON, null, auth, companyId,
				serviceId, accessType, streamPath, MatchRules.ALL, this.video));
	}

	/**
	 * One {@code cameras[n]} entry.
	 * @param defaultId the id when none is written, or null when the id is required
	 */
	CameraConfig entry(YamlMap camera, String defaultId) {
		String id = id(camera, defaultId);
		String name = camera.string("name", "").strip();
		CameraSourceType source = source(camera);
		CameraAuth auth = AuthReader.read(camera.map("auth"), id, false, this.context);
		String accessType = accessType(camera);
		String streamPath = camera.string("stream_path", "");
		MatchRules match = MatchReader.read(camera.map("match"));
		VideoConfig cameraVideo = VideoReader.read(camera.map("video"), this.video);
		// Checked for every source: a URL with credentials must not end up in logs
		// whatever the source.
		String url = (source != CameraSourceType.URL && camera.string("url", "").isBlank()) ? null : url(camera);
		boolean ixon = source == CameraSourceType.IXON;
		String companyId = ixon ? required(camera, "company_id", "the IXON company publicId")
				: camera.string("company_id", "").strip();
		String serviceId = ixon ? required(camera, "webaccess_service_id", "the IXON service publicId")
				: camera.string("webaccess_service_id", "").strip();
		String site = camera.value("site").map(InstanceReader::name).orElse("");
		List<String> contextTags = ContextReader.tags(camera.map("context"));
		camera.warnUnread();
		return new CameraConfig(id, name.isEmpty() ? id : name, source, url, auth, companyId, serviceId, accessType,
				streamPath, match, cameraVideo, site, contextTags);
	}

	private String id(YamlMap camera, String defaultId) {
		Optional<YamlValue> value = camera.value("id");
		if (value.isEmpty() || value.get().string().isBlank()) {
			if (defaultId == null) {
				throw camera.missing("id", ID_EXPECTED + " (required when there are several cameras)");
			}
			return defaultId;
		}
		String id = value.get().string().strip();
		if (!ID.matcher(id).matches()) {
			throw value.get().error(ID_EXPECTED);
		}
		return id;
	}

	// Without a source, a camera with a url is read directly and any other goes through
	// IXON.
	private static CameraSourceType source(YamlMap camera) {
		String fallback = camera.string("url", "").isBlank() ? "ixon" : "url";
		String source = camera.value("source")
			.map((value) -> value.oneOf("ixon, url or demo", "ixon", "url", "demo"))
			.orElse(fallback);
		return CameraSourceType.valueOf(source.toUpperCase(Locale.ROOT));
	}

	private static String accessType(YamlMap camera) {
		return camera.value("webaccess_access_type")
			.map((value) -> value.oneOf("http or https", "http", "https"))
			.orElse("http");
	}

	private static String required(YamlMap camera, String key, String expected) {
		String text = camera.string(key, "").strip();
		if (text.isEmpty()) {
			throw camera.missing(key, expected);
		}
		return text;
	}

	private static String url(YamlMap camera) {
		String expected = "an http, https or rtsp URL";
		YamlValue value = camera.value("url").orElseThrow(() -> camera.missing("url", expected));
		String text = value.scalar(expected).strip();
		try {
			URI uri = new URI(text);
			if (uri.getScheme() == null || !URL_SCHEMES.contains(uri.getScheme().toLowerCase(Locale.ROOT))
					|| uri.getRawAuthority() == null) {
				throw value.error(expected);
			}
			// Credentials in a URL end up in logs and in ffmpeg's command line, visible
			// to ps.
			if (uri.getRawAuthority().contains("@")) {
				throw value.error("a URL without credentials (put them in auth.username/auth.password)");
			}
			return text;
		}
		catch (URISyntaxException ex) {
			throw value.error(expected);
		}
	}

}
