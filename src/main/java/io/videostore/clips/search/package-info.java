/**
 * The index's read side for the REST API: alarms by filter, order and page with their
 * recordings and clips, and the alarm statistics; portable SQL over the tables of
 * {@code clips}.
 */
package io.videostore.clips.search;
