/**
 * Loads config.yml with SnakeYAML into validated records; every error names the key path
 * and line.
 */
package io.videostore.config;
