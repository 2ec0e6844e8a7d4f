package io.videostore.clips;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;

import io.videostore.clips.db.Timestamps;

/**
 * A stored alarm; the fields of {@link NewAlarm} plus its id and when its outcome was
 * last set.
 *
 * @param id the alarm id
 * @param receivedAt when the webhook request arrived
 * @param createdOn IXON's {@code createdOn} (UTC)
 * @param companyId IXON company
 * @param deviceId IXON device id
 * @param deviceName IXON device name
 * @param systemLabel IXON system label
 * @param shortContent the alarm text
 * @param dedupeKey the dedupe key
 * @param payload the full JSON body
 * @param remoteAddr the sender's address
 * @param outcome what happened to it, or null while undecided
 * @param outcomeAt when the outcome was set
 */
public record AlarmView(long id, Instant receivedAt, LocalDateTime createdOn, String companyId, String deviceId,
		String deviceName, String systemLabel, String shortContent, String dedupeKey, String payload, String remoteAddr,
		String outcome, Instant outcomeAt) {

	static AlarmView map(ResultSet rs, int row) throws SQLException {
		return new AlarmView(rs.getLong("id"), Timestamps.parse(rs.getString("received_at")),
				Timestamps.parseLocal(rs.getString("created_on")), rs.getString("company_id"),
				rs.getString("device_id"), rs.getString("device_name"), rs.getString("system_label"),
				rs.getString("short_content"), rs.getString("dedupe_key"), rs.getString("payload"),
				rs.getString("remote_addr"), rs.getString("outcome"), Timestamps.parse(rs.getString("outcome_at")));
	}

}
