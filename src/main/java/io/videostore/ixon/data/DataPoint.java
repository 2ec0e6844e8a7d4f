package io.videostore.ixon.data;

import java.time.Instant;

/**
 * One logged value.
 *
 * @param time when it was logged
 * @param value a {@code Double}, {@code Long}, {@code Boolean} or {@code String}, or null
 */
public record DataPoint(Instant time, Object value) {
}
