/**
 * IXON Cloud API v2 client: discovery, access tokens, web access.
 */
package io.videostore.ixon;
