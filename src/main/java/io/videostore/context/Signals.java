package io.videostore.context;

import java.util.List;

/**
 * What one fetch of an alarm's data window gave.
 *
 * @param series the tags with their points
 * @param problems what is missing and why, one sentence each
 * @param incomplete true when the log may not have reached the window's end yet (fetch
 * again later)
 */
record Signals(List<Series> series, List<String> problems, boolean incomplete) {
}
