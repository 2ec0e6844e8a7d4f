package io.videostore.context;

import java.time.Instant;

/**
 * What the alarm occurrences said about the alarm's moment.
 *
 * @param occurredOn the matching occurrence's {@code occurredOn}, or null when none could
 * be told apart (then {@code createdOn} stays the anchor)
 * @param note how it was found, or why not
 */
record Anchor(Instant occurredOn, String note) {
}
