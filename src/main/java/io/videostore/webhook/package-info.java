/**
 * Cloud Notify intake: checks the shared secret, parses and validates the notification,
 * stores it first, then routes it to cameras and queues recordings.
 */
package io.videostore.webhook;
