/**
 * Moves finished clips to their final, never-colliding names atomically.
 */
package io.videostore.storage;
