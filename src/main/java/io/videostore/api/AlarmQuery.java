package io.videostore.api;

import java.util.List;

import io.swagger.v3.oas.annotations.Parameter;
import io.videostore.clips.search.AlarmFilter;

/**
 * The alarm filters of the list, the CSV export and the statistics, as query parameters.
 *
 * @param from earliest createdOn, inclusive
 * @param to latest createdOn, exclusive
 * @param device device id or exact device name
 * @param camera camera id
 * @param text part of the alarm text, any case
 * @param label exact system label
 * @param outcome outcome words
 */
public record AlarmQuery(
		@Parameter(description = "Earliest createdOn, inclusive: an ISO-8601 instant (2026-11-26T12:00:00Z), "
				+ "date-time with offset, or date (UTC midnight)") String from,
		@Parameter(description = "Latest createdOn, exclusive; same forms as from") String to,
		@Parameter(description = "Device id or exact device name") String device,
		@Parameter(description = "Camera id that recorded (or was to record) the alarm") String camera,
		@Parameter(description = "Part of the alarm text, any case") String text,
		@Parameter(description = "Exact system label, e.g. alarm-high, or record-now for recordings asked "
				+ "for through the API") String label,
		@Parameter(description = "Any of: done (or recorded), partial, failed, pending, expired, rejected, "
				+ "duplicate, ignored, joined; repeated or comma-separated") List<String> outcome) {

	public AlarmFilter filter() {
		return new AlarmFilter(Parameters.instant("from", this.from), Parameters.instant("to", this.to),
				Parameters.text("device", this.device), Parameters.text("camera", this.camera),
				Parameters.text("text", this.text), Parameters.text("label", this.label),
				Parameters.outcomes(this.outcome));
	}

}
