package io.videostore.ixon;

import java.time.Instant;

/**
 * What the IXON client has seen lately, for the health check: no IXON call is made to
 * produce it.
 *
 * @param lastSuccess when IXON last answered a call successfully, or null
 * @param lastFailure when a call last failed for good (after retries), or null
 * @param lastError that failure's message (no credentials), or null
 * @param logins access tokens minted since start
 * @param calls HTTP calls made to the IXON API since start, retries included
 */
record IxonStatus(Instant lastSuccess, Instant lastFailure, String lastError, long logins, long calls) {

	/** True when the most recent outcome was a failure. */
	public boolean failing() {
		return lastFailure != null && (lastSuccess == null || lastFailure.isAfter(lastSuccess));
	}

}
