package io.videostore.ixon.data;

import java.time.Instant;
import java.util.List;

/**
 * One item of a {@code POST /data} body: raw points of some tags of one data source in a
 * time range. Times go out as whole seconds in UTC (start rounded down, end up).
 *
 * @param sourceId the data source's publicId
 * @param start the range's start
 * @param end the range's end
 * @param tags the tags, each by slug or tagId, with the label its points come back under
 * @param limit at most this many points per tag (IXON allows 1 to 5000)
 * @param offset points of each tag to skip (paging)
 * @param descending newest first (for the value in force before a window), else oldest
 * first
 */
public record DataRequest(String sourceId, Instant start, Instant end, List<Tag> tags, int limit, int offset,
		boolean descending) {

	/** IXON's largest page. */
	public static final int MAX_LIMIT = 5000;

	/**
	 * A tag to fetch.
	 *
	 * @param slug its slug, or null to address it by {@code tagId}
	 * @param tagId its tagId, or null to address it by slug
	 * @param ref the label its points come back under
	 */
	public record Tag(String slug, Long tagId, String ref) {
	}

}
