package io.videostore.ixon.data;

import java.util.List;
import java.util.Map;

/**
 * The answer to one {@link DataRequest}: each tag's points by its label, in the order
 * asked for.
 *
 * @param request what was asked
 * @param points each tag's points by its {@link DataRequest.Tag#ref}; a tag without
 * points is missing or empty
 */
public record DataResult(DataRequest request, Map<String, List<DataPoint>> points) {
}
