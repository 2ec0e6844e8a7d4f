package io.videostore.ixon.data;

import java.time.Instant;

/**
 * One time an alarm of an agent went off.
 *
 * @param occurredOn when it went off (IXON's own time, more precise than Cloud Notify's
 * {@code createdOn})
 * @param alarmId the publicId of the alarm definition, or empty
 * @param alarmName the alarm's name, or empty
 */
public record AlarmOccurrence(Instant occurredOn, String alarmId, String alarmName) {
}
