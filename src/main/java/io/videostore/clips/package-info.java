/**
 * The index of alarms, recording jobs and clips, in an embedded SQLite file by default
 * (the schema, by Flyway, is written for PostgreSQL too).
 */
package io.videostore.clips;
