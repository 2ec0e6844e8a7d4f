package io.videostore.clips;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

import io.videostore.clips.db.Timestamps;

/**
 * An alarm's context as stored: the moment its clip is anchored on, and the machine's
 * logged signals around it.
 *
 * @param alarmId the alarm
 * @param createdOn Cloud Notify's {@code createdOn} (UTC)
 * @param anchorSource {@code occurrence} when IXON's alarm occurrence gave the exact
 * time, else {@code createdOn}
 * @param occurredOn the occurrence's {@code occurredOn}, or null
 * @param anchorNote how the anchor was chosen (matched occurrence, none found, two
 * candidates…), or null while not looked up
 * @param state {@code pending} (not fetched yet, or to be fetched again), {@code done},
 * {@code partial} (some tags or some of the window missing) or {@code failed}
 * @param reason what is missing and why, or null
 * @param windowStart start of the data window asked for, or null before the first fetch
 * @param windowEnd end of the data window asked for, or null
 * @param series the signals as the API serves them: a JSON array of {@code {source,
 * sourceId, tag, slug, unit, type, logEvent, step, points: [[epochMs, value]…]}}, or null
 * @param attempts fetches so far
 * @param nextAttemptAt when the next fetch is due, or null when none is
 * @param fetchedAt when data was last fetched, or null
 */
public record AlarmContext(long alarmId, Instant createdOn, String anchorSource, Instant occurredOn, String anchorNote,
		String state, String reason, Instant windowStart, Instant windowEnd, String series, int attempts,
		Instant nextAttemptAt, Instant fetchedAt) {

	public static final String OCCURRENCE = "occurrence";

	public static final String CREATED_ON = "createdOn";

	/** The moment the clip and the signals are anchored on. */
	public Instant anchor() {
		return (this.occurredOn != null && OCCURRENCE.equals(this.anchorSource)) ? this.occurredOn : this.createdOn;
	}

	static AlarmContext map(ResultSet rs, int row) throws SQLException {
		return new AlarmContext(rs.getLong("alarm_id"), Timestamps.parse(rs.getString("created_on")),
				rs.getString("anchor_source"), Timestamps.parse(rs.getString("occurred_on")),
				rs.getString("anchor_note"), rs.getString("state"), rs.getString("reason"),
				Timestamps.parse(rs.getString("window_start")), Timestamps.parse(rs.getString("window_end")),
				rs.getString("series"), rs.getInt("attempts"), Timestamps.parse(rs.getString("next_attempt_at")),
				Timestamps.parse(rs.getString("fetched_at")));
	}

}
