/**
 * Cross-cutting pieces used by every feature: secret redaction and log-safe text,
 * problem+json answers, limits for slow clients, backoff, one background-worker loop, the
 * clock, file modes, and start-up failure analysis.
 */
package io.videostore.system;
