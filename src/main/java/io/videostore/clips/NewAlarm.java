package io.videostore.clips;

import java.time.Instant;
import java.time.LocalDateTime;

/**
 * An alarm notification to store, as it arrived.
 *
 * @param receivedAt when the webhook request arrived
 * @param createdOn IXON's {@code createdOn} (UTC, no offset), or null when the body had
 * none
 * @param companyId IXON company
 * @param deviceId IXON device (agent) id from {@code extraInfo}
 * @param deviceName IXON device name from {@code extraInfo}
 * @param systemLabel IXON {@code systemLabel}
 * @param shortContent IXON {@code shortContent}: the alarm text
 * @param dedupeKey what makes two notifications "the same alarm" for the dedupe window
 * @param payload the full JSON body
 * @param remoteAddr the sender's address
 * @param outcome what happened to it; null while still undecided
 */
public record NewAlarm(Instant receivedAt, LocalDateTime createdOn, String companyId, String deviceId,
		String deviceName, String systemLabel, String shortContent, String dedupeKey, String payload, String remoteAddr,
		AlarmOutcome outcome) {

}
