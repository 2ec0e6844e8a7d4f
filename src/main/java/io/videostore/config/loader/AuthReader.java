package io.videostore.config.loader;

import java.util.Locale;

import io.videostore.config.CameraAuth;
import io.videostore.config.CameraAuth.AuthType;

/**
 * Reads a camera's {@code auth.*}; user name and password may also come from the older
 * variables {@code VIDEOSTORE_CAMERA_<ID>_USERNAME} and
 * {@code VIDEOSTORE_CAMERA_<ID>_PASSWORD} (see {@link ConfigEnvironment}).
 */
final class AuthReader {

	private AuthReader() {
	}

	/**
	 * The camera's authentication. A missing {@code auth} means none; an {@code auth} (or
	 * a user name or password from a variable) without {@code type} means digest, the
	 * legacy template's default.
	 * @param legacy true for the legacy single {@code camera}, which also reads
	 * {@code VIDEOSTORE_CAMERA_PASSWORD} and may keep an empty user name: the original
	 * then answered a challenge with empty credentials, so a camera without
	 * authentication still worked, and such files must keep loading
	 */
	static CameraAuth read(YamlMap auth, String cameraId, boolean legacy, ConfigContext context) {
		String username = auth.value("username", cameraId).map(YamlValue::string).orElse("");
		String password = auth.value("password", cameraId).map(YamlValue::string).orElse("");
		// Credentials given (in the file or by variables) without a type mean digest, the
		// legacy template's default; none given and no auth section mean no
		// authentication.
		boolean credentials = !auth.isEmpty() || !username.isEmpty() || !password.isEmpty();
		String type = auth.value("type")
			.map((value) -> value.oneOf("none, basic or digest", "none", "basic", "digest"))
			.orElse(credentials ? "digest" : "none");
		auth.warnUnread();
		if (!legacy && !type.equals("none") && username.isBlank()) {
			throw auth.missing("username", "a user name for " + type + " authentication");
		}
		return new CameraAuth(AuthType.valueOf(type.toUpperCase(Locale.ROOT)), username, password);
	}

}
