/**
 * The index of alarms, recording jobs and clips, in an embedded SQLite file by default
 * (the schema, by Flyway, is written for PostgreSQL too): its writes and the queue's,
 * cluster and context tables. The database plumbing is in {@code clips.db}, the API's
 * searches and statistics in {@code clips.search}.
 */
package io.videostore.clips;
