/**
 * Loads config.yml with SnakeYAML into the validated records of {@code config}: every
 * error names the key path and line, and {@code VIDEOSTORE_*} environment variables
 * override keys; also warns when the file gives its secrets away.
 */
package io.videostore.config.loader;
