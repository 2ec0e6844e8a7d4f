/**
 * Cross-cutting pieces used by every feature: secret redaction, health and metrics.
 */
package io.videostore.system;
