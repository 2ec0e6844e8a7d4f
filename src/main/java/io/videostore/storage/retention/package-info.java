/**
 * Keeps the videos folders a bounded cache: retention's sweeps by age, size and free
 * space, the recording floor of {@link io.videostore.storage.retention.DiskSpace}, and
 * retention's health.
 */
package io.videostore.storage.retention;
