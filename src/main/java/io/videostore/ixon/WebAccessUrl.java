package io.videostore.ixon;

import java.net.URI;

/**
 * A one-off web-access URL from IXON. It carries a credential ({@code ?auth=…}):
 * {@link #toString()} masks it, and it must never be logged, cached or handed to another
 * process.
 *
 * @param uri the URL exactly as IXON returned it
 */
public record WebAccessUrl(URI uri) {

	@Override
	public String toString() {
		// Only where it points: IXON's URL form is not guaranteed to keep the credential
		// in the query.
		return "WebAccessUrl[" + uri.getScheme() + "://" + uri.getRawAuthority() + "/…]";
	}

}
