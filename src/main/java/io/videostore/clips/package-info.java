/**
 * The index of alarms, recording jobs and clips in an embedded SQLite file (or another
 * JDBC database).
 */
package io.videostore.clips;
