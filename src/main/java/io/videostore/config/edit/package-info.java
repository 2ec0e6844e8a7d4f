/**
 * Changes single keys of config.yml in place for the {@code --configure} wizard, keeping
 * comments and order; the result is checked with the loader before it is written.
 */
package io.videostore.config.edit;
