package io.videostore.clips;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.videostore.clips.db.Timestamps;
import io.videostore.clips.db.WriteQueue;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The alarms' context rows: created pending when an alarm is accepted, anchored once
 * IXON's alarm occurrence is found, claimed by one instance at a time when a fetch is due
 * ({@code FOR UPDATE SKIP LOCKED} on PostgreSQL), and saved with the signals or the
 * reason there are none.
 */
public class AlarmContexts {

	private final JdbcClient jdbc;

	private final WriteQueue writes;

	private final boolean skipLocked;

	AlarmContexts(JdbcClient jdbc, WriteQueue writes, boolean skipLocked) {
		this.jdbc = jdbc;
		this.writes = writes;
		this.skipLocked = skipLocked;
	}

	/**
	 * A new alarm's context: anchored on {@code createdOn} until an occurrence says
	 * better, first looked at {@code due}.
	 */
	public void create(long alarmId, Instant createdOn, Instant due) {
		this.writes.update(this.jdbc.sql("""
				INSERT INTO alarm_context (alarm_id, created_on, anchor_source, state, attempts, next_attempt_at)
				VALUES (:id, :createdOn, 'createdOn', 'pending', 0, :due)
				ON CONFLICT (alarm_id) DO NOTHING""")
			.param("id", alarmId)
			.param("createdOn", Timestamps.format(createdOn))
			.param("due", Timestamps.format(due)));
	}

	/** Records how the alarm's moment was found. */
	public void anchored(long alarmId, String source, Instant occurredOn, String note) {
		this.writes.update(this.jdbc.sql("""
				UPDATE alarm_context SET anchor_source = :source, occurred_on = :occurredOn, anchor_note = :note
				WHERE alarm_id = :id""")
			.param("source", source)
			.param("occurredOn", Timestamps.format(occurredOn))
			.param("note", note)
			.param("id", alarmId));
	}

	/**
	 * Claims up to {@code limit} pending contexts due at {@code now} that no live
	 * instance holds, until {@code until}; oldest due first.
	 */
	public List<AlarmContext> claimDue(String instanceId, Instant now, Instant until, int limit) {
		String select = """
				SELECT alarm_id FROM alarm_context WHERE state = 'pending' AND next_attempt_at <= :now
				    AND (claimed_by IS NULL OR lease_until < :now)
				ORDER BY next_attempt_at, alarm_id LIMIT :limit""" + (this.skipLocked ? " FOR UPDATE SKIP LOCKED" : "");
		List<AlarmContext> claimed = this.writes.run(() -> this.jdbc
			.sql("UPDATE alarm_context SET claimed_by = :me, lease_until = :until WHERE alarm_id IN (" + select
					+ ") RETURNING *")
			.param("me", instanceId)
			.param("until", Timestamps.format(until))
			.param("now", Timestamps.format(now))
			.param("limit", limit)
			.query(AlarmContext::map)
			.list());
		return claimed.stream().sorted(Comparator.comparing(AlarmContext::nextAttemptAt)).toList();
	}

	/**
	 * Saves a fetch and lets go of the claim.
	 * @param nextAttempt when to fetch again (the window ended too close to now, IXON
	 * failed), or null when this is final
	 */
	public void saved(long alarmId, String state, String reason, Instant windowStart, Instant windowEnd, String series,
			Instant fetchedAt, Instant nextAttempt) {
		this.writes.update(this.jdbc.sql("""
				UPDATE alarm_context SET state = :state, reason = :reason, window_start = :windowStart,
				    window_end = :windowEnd, series = COALESCE(:series, series), fetched_at = :fetchedAt,
				    attempts = attempts + 1, next_attempt_at = :next, claimed_by = NULL, lease_until = NULL
				WHERE alarm_id = :id""")
			.param("state", (nextAttempt != null) ? "pending" : state)
			.param("reason", reason)
			.param("windowStart", Timestamps.format(windowStart))
			.param("windowEnd", Timestamps.format(windowEnd))
			.param("series", series)
			.param("fetchedAt", Timestamps.format(fetchedAt))
			.param("next", Timestamps.format(nextAttempt))
			.param("id", alarmId));
	}

	/**
	 * Lets go of the claim and looks again at {@code due}, for the data window
	 * {@code [windowStart, windowEnd]}.
	 */
	public void later(long alarmId, Instant due, Instant windowStart, Instant windowEnd) {
		this.writes.update(this.jdbc.sql("""
				UPDATE alarm_context SET next_attempt_at = :due, window_start = :windowStart, window_end = :windowEnd,
				    claimed_by = NULL, lease_until = NULL
				WHERE alarm_id = :id""")
			.param("due", Timestamps.format(due))
			.param("windowStart", Timestamps.format(windowStart))
			.param("windowEnd", Timestamps.format(windowEnd))
			.param("id", alarmId));
	}

	/**
	 * How many alarms' contexts are still to be looked up or fetched, on every instance.
	 */
	public long pending() {
		return this.jdbc.sql("SELECT COUNT(*) FROM alarm_context WHERE state = 'pending'").query(Long.class).single();
	}

	/** The alarm's context, if it gets one. */
	public Optional<AlarmContext> find(long alarmId) {
		return this.jdbc.sql("SELECT * FROM alarm_context WHERE alarm_id = :id")
			.param("id", alarmId)
			.query(AlarmContext::map)
			.optional();
	}

}
