/**
 * Cross-cutting pieces used by every feature: secret redaction, problem+json answers,
 * backoff, the clock, and start-up failure analysis.
 */
package io.videostore.system;
