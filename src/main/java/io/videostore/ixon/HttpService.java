package io.videostore.ixon;

/**
 * A service ("server") configured on an IXON device; web access can reach those of type
 * {@code http}.
 *
 * @param publicId the id used for web access ({@code webaccess_service_id} in config.yml)
 * @param name its name in Fleet Manager
 * @param type IXON's service type, e.g. {@code http}, {@code vnc}
 */
public record HttpService(String publicId, String name, String type) {

	/** True for services that web access can proxy. */
	public boolean isHttp() {
		return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("http");
	}

}
