/**
 * This instance's part in a cluster on a shared database (PostgreSQL): camera leases and
 * job claims renewed round by round, the queued and orphaned jobs it adopts, fencing when
 * the database is gone, and the cluster's health.
 */
package io.videostore.recording.cluster;
