/**
 * The database under the index: where it is and how to connect (SQLite or PostgreSQL),
 * the queue of its writes, SQLite's errors as Spring's, the {@code db} health component
 * and instants as stored text.
 */
package io.videostore.clips.db;
