package io.videostore.testcam;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.Collections;
import java.util.Optional;

/**
 * An IPv4 address of this machine other than loopback: a test connecting to it is a
 * caller from the network as far as the service can tell.
 */
public final class LanAddress {

	private LanAddress() {
	}

	/** The first such address of an interface that is up, if the machine has one. */
	public static Optional<String> find() {
		try {
			for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
				if (nic.isUp() && !nic.isLoopback()) {
					for (InetAddress address : Collections.list(nic.getInetAddresses())) {
						if (address instanceof Inet4Address && !address.isLinkLocalAddress()) {
							return Optional.of(address.getHostAddress());
						}
					}
				}
			}
			return Optional.empty();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
