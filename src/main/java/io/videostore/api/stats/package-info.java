/**
 * The statistics under {@code /api/stats}: alarms per day or hour and the weekly heatmap
 * in the viewer's time zone (daylight-saving days included), and the most frequent alarm
 * texts, over the same filters as the alarm list.
 */
package io.videostore.api.stats;
