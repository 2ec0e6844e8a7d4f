/**
 * IXON's logged machine data (API v2 data logging) for the alarms' context: an agent's
 * data sources, tags, variables and alarms, when its alarms went off, and the points its
 * tags logged, through the {@link io.videostore.ixon.IxonClient}'s login and retries.
 */
package io.videostore.ixon.data;
