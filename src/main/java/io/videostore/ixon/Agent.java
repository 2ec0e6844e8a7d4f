package io.videostore.ixon;

import java.util.List;

/**
 * An IXON device (IXrouter or IXagent) with its services.
 *
 * @param publicId the device's id
 * @param name its name
 * @param online true when it has an active VPN session (IXON's {@code activeVpnSession}
 * is not null)
 * @param services all its services; see {@link #httpServices()}
 */
public record Agent(String publicId, String name, boolean online, List<HttpService> services) {

	public Agent {
		services = List.copyOf(services);
	}

	/** The services web access can reach. */
	public List<HttpService> httpServices() {
		return services.stream().filter(HttpService::isHttp).toList();
	}

}
