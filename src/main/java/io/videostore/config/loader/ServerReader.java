package io.videostore.config.loader;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.videostore.config.ServerConfig;

/**
 * Reads {@code server.trusted_proxies}: a list of addresses and CIDR ranges, or one
 * string of them separated by commas or spaces (as
 * {@code VIDEOSTORE_SERVER_TRUSTED_PROXIES} gives it).
 */
final class ServerReader {

	private static final String EXPECTED = "IP addresses or CIDR ranges such as 127.0.0.1, 10.0.0.0/8 or ::1";

	private static final Pattern IPV4 = Pattern
		.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

	/** Hex digits, colons and an optional embedded IPv4 tail: never a host name. */
	private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*");

	private ServerReader() {
	}

	static ServerConfig read(YamlMap server) {
		List<String> proxies = new ArrayList<>();
		server.value("trusted_proxies").ifPresent((value) -> {
			for (String item : value.strings(EXPECTED)) {
				for (String entry : item.split("[,\\s]+")) {
					if (!entry.isEmpty()) {
						proxies.add(cidr(value, entry));
					}
				}
			}
		});
		server.warnUnread();
		return new ServerConfig(proxies);
	}

	/** The entry as written, once it is known to be an address or a CIDR range. */
	private static String cidr(YamlValue value, String entry) {
		int slash = entry.indexOf('/');
		String address = (slash < 0) ? entry : entry.substring(0, slash);
		boolean v4 = IPV4.matcher(address).matches();
		if (!v4 && !(IPV6.matcher(address).matches() && literal(address))) {
			throw value.error(EXPECTED + " ('" + entry + "' is none)");
		}
		if (slash >= 0) {
			String bits = entry.substring(slash + 1);
			int max = v4 ? 32 : 128;
			if (!bits.matches("\\d{1,3}") || Integer.parseInt(bits) > max) {
				throw value.error(EXPECTED + " ('" + entry + "': the prefix length must be 0 to " + max + ")");
			}
		}
		return entry;
	}

	/** True for an IPv6 literal; the pattern above keeps host names (and lookups) out. */
	private static boolean literal(String address) {
		try {
			InetAddress.getByName(address);
			return true;
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

}
