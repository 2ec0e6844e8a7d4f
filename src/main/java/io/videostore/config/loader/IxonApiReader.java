package io.videostore.config.loader;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

import io.videostore.config.IxonApiConfig;

/**
 * Reads {@code IXON_api.*}; each secret may instead come from its
 * {@code VIDEOSTORE_IXON_*} variable.
 */
final class IxonApiReader {

	private IxonApiReader() {
	}

	static IxonApiConfig read(YamlMap ixon, ConfigContext context) {
		IxonApiConfig config = new IxonApiConfig(ixon.string("api_key", ""), ixon.string("email", ""),
				ixon.string("password", ""), ixon.string("otp_secret", ""), ixon.string("access_token", ""),
				ixon.value("base_url").map(IxonApiReader::baseUrl).orElse(IxonApiConfig.DEFAULT_BASE_URL));
		ixon.warnUnread();
		return config;
	}

	private static URI baseUrl(YamlValue value) {
		String expected = "an http or https URL";
		String text = value.scalar(expected).strip();
		try {
			URI uri = new URI(text);
			boolean web = uri.getScheme() != null
					&& Set.of("http", "https").contains(uri.getScheme().toLowerCase(Locale.ROOT));
			if (!web || uri.getRawAuthority() == null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
				throw value.error(expected);
			}
			// API paths are resolved against it, which drops the last segment unless it
			// ends in a slash.
			return text.endsWith("/") ? uri : new URI(text + "/");
		}
		catch (URISyntaxException ex) {
			throw value.error(expected);
		}
	}

}
