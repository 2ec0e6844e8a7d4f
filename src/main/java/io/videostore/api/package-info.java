/**
 * The REST API under {@code /api} (alarms, clips, cameras, record-now; the statistics are
 * in {@code api.stats}), described by OpenAPI; it reads the index and reaches files only
 * through {@code storage}.
 */
package io.videostore.api;
