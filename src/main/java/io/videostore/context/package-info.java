/**
 * Alarm context: the exact alarm time IXON logged and the machine's logged signals around
 * each alarm's clip, fetched in the background after the clip's window; never in the
 * clip's way.
 */
package io.videostore.context;
