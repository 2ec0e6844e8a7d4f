package io.videostore.api;

import java.util.List;
import java.util.Map;

/**
 * One page of the alarm list.
 *
 * @param items the alarms on it
 * @param page its number, from 0
 * @param size the page size asked for
 * @param totalItems how many alarms match in all
 * @param totalPages how many pages they fill
 * @param sort the order, e.g. {@code createdOn,desc}
 * @param links {@code self}, and {@code next} and {@code prev} where there are such pages
 */
record AlarmPage(List<AlarmItem> items, int page, int size, long totalItems, long totalPages, String sort,
		Map<String, String> links) {

}
