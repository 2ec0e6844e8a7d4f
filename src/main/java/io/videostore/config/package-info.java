/**
 * The configuration's schema: the validated records config.yml is read into, with their
 * defaults, and {@link io.videostore.config.ConfigException}; reading the file is
 * {@code config.loader}'s job, editing it {@code config.edit}'s.
 */
package io.videostore.config;
