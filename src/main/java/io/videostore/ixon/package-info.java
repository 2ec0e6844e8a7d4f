/**
 * IXON Cloud API v2 client: discovery, access tokens (TOTP, service accounts), paging,
 * retries with backoff, IXON's error answers, web access URLs and the {@code ixon}
 * health. The logged machine data is in {@code ixon.data}.
 */
package io.videostore.ixon;
