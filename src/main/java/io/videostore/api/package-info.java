/**
 * The REST API under {@code /api} (alarms, clips, statistics, cameras, record-now),
 * described by OpenAPI; it reads the index and reaches files only through
 * {@code storage}.
 */
package io.videostore.api;
