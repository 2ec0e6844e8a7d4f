/**
 * Where clips live: publishing a finished clip under its final, never-colliding name in
 * one atomic step, reading and deleting clips and their thumbnails, the lock on the
 * videos folder, clean-up of unfinished files at start, and the durable outboxes that
 * copy clips to an S3 bucket and tell receivers a clip is ready. Retention is in
 * {@code storage.retention}.
 */
package io.videostore.storage;
