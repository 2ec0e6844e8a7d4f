package io.videostore.clips;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.videostore.clips.db.Timestamps;
import io.videostore.clips.db.WriteQueue;
import org.springframework.jdbc.core.simple.JdbcClient;

import static io.videostore.clips.IndexDb.requireFound;

/**
 * The {@code alarm} table: alarms as they arrived, what happened to each, and their
 * payloads trimmed with age. Used by the webhook's intake and sweepers, record-now, the
 * API's alarm pages, the context fetcher, recovery and retention.
 */
public class Alarms {

	private final JdbcClient jdbc;

	private final WriteQueue writes;

	private final Clock clock;

	Alarms(IndexDb db) {
		this.jdbc = db.jdbc();
		this.writes = db.writes();
		this.clock = db.clock();
	}

	/** Stores an alarm as it arrived; returns its id. */
	public long recordAlarm(NewAlarm a) {
		return this.writes.insert(this.jdbc.sql("""
				INSERT INTO alarm (received_at, created_on, company_id, device_id, device_name, system_label,
				    short_content, dedupe_key, payload, remote_addr, outcome, outcome_at)
				VALUES (:receivedAt, :createdOn, :companyId, :deviceId, :deviceName, :systemLabel,
				    :shortContent, :dedupeKey, :payload, :remoteAddr, :outcome, :outcomeAt)""")
			.param("receivedAt", Timestamps.format(a.receivedAt()))
			.param("createdOn", Timestamps.format(a.createdOn()))
			.param("companyId", a.companyId())
			.param("deviceId", a.deviceId())
			.param("deviceName", a.deviceName())
			.param("systemLabel", a.systemLabel())
			.param("shortContent", a.shortContent())
			.param("dedupeKey", a.dedupeKey())
			.param("payload", a.payload())
			.param("remoteAddr", a.remoteAddr())
			.param("outcome", (a.outcome() != null) ? a.outcome().text() : null)
			.param("outcomeAt", (a.outcome() != null) ? Timestamps.format(a.receivedAt()) : null));
	}

	/**
	 * Sets what happened to an alarm, such as {@code accepted} or
	 * {@code rejected: queue full}.
	 */
	public void setAlarmOutcome(long alarmId, AlarmOutcome outcome) {
		int updated = this.writes
			.update(this.jdbc.sql("UPDATE alarm SET outcome = :outcome, outcome_at = :at WHERE id = :id")
				.param("outcome", outcome.text())
				.param("at", Timestamps.format(this.clock.instant()))
				.param("id", alarmId));
		requireFound(updated, "alarm", alarmId);
	}

	/**
	 * The first alarm with this dedupe key, received at or after {@code since}, whose
	 * footage covers {@code moment}: a job still waiting or recording whose window holds
	 * it, or a clip whose window holds it. An on-demand clip starts a little after its
	 * alarm, so each window counts from its own alarm's {@code createdOn} when that is
	 * earlier. Rejected, expired and failed alarms cover nothing, so a repeat of them
	 * gets footage of its own.
	 */
	public Optional<Long> findCoveringAlarm(String dedupeKey, Instant moment, Instant since) {
		return this.jdbc.sql("""
				SELECT a.id FROM alarm a
				JOIN job j ON j.alarm_id = a.id
				LEFT JOIN clip c ON c.id = j.clip_id
				WHERE a.dedupe_key = :key AND a.received_at >= :since AND (
				    (j.finished_at IS NULL AND j.state IN ('queued', 'running', 'joined')
				        AND :moment >= CASE WHEN a.created_on < j.window_start THEN a.created_on ELSE j.window_start END
				        AND :moment <= j.window_end)
				    OR (c.id IS NOT NULL
				        AND :moment >= CASE WHEN a.created_on < c.window_start THEN a.created_on ELSE c.window_start END
				        AND :moment <= c.window_end))
				ORDER BY a.received_at, a.id LIMIT 1""")
			.param("key", dedupeKey)
			.param("moment", Timestamps.format(moment))
			.param("since", Timestamps.format(since))
			.query(Long.class)
			.optional();
	}

	/** A stored alarm that no job was created for. */
	public record JoblessAlarm(long id, Instant receivedAt, String payload) {
	}

	/**
	 * Alarms received between {@code from} and {@code to} with the outcome
	 * {@code accepted} but no job: the instance that stored them stopped, or lost the
	 * database, between the two writes. Oldest first.
	 */
	public List<JoblessAlarm> joblessAlarms(Instant from, Instant to, int limit) {
		return this.jdbc.sql("""
				SELECT a.id, a.received_at, a.payload FROM alarm a
				WHERE a.received_at >= :from AND a.received_at < :to AND a.outcome = 'accepted'
				    AND NOT EXISTS (SELECT 1 FROM job j WHERE j.alarm_id = a.id)
				ORDER BY a.id LIMIT :limit""")
			.param("from", Timestamps.format(from))
			.param("to", Timestamps.format(to))
			.param("limit", limit)
			.query((rs, row) -> new JoblessAlarm(rs.getLong("id"), Timestamps.parse(rs.getString("received_at")),
					rs.getString("payload")))
			.list();
	}

	/**
	 * Bounds what the stored alarm payloads take: replaces the payloads of alarms
	 * received before {@code before} (or null), and of all but the newest
	 * {@code keepWhole}, by {@code note}; the alarm rows and their columns stay. Returns
	 * how many were trimmed.
	 */
	public int trimPayloads(Instant before, long keepWhole, String note) {
		Long newestToTrim = this.jdbc.sql("SELECT id FROM alarm ORDER BY id DESC LIMIT 1 OFFSET :keep")
			.param("keep", keepWhole)
			.query(Long.class)
			.optional()
			.orElse(0L);
		// In batches: one short write at a time, so webhooks storing alarms never wait
		// long
		// behind the first sweep of a large index.
		return this.writes.update(this.jdbc.sql("""
				UPDATE alarm SET payload = :note, payload_trimmed = 1
				WHERE id IN (SELECT id FROM alarm WHERE payload_trimmed = 0
				    AND (id <= :newest OR received_at < :before) ORDER BY id LIMIT :batch)""")
			.param("note", note)
			.param("newest", newestToTrim)
			.param("before", (before != null) ? Timestamps.format(before) : "")
			.param("batch", TRIM_BATCH));
	}

	/** At most this many payloads are trimmed by one {@link #trimPayloads} call. */
	public static final int TRIM_BATCH = 5_000;

	public Optional<AlarmView> alarm(long id) {
		return this.jdbc.sql("SELECT * FROM alarm WHERE id = :id").param("id", id).query(AlarmView::map).optional();
	}

	public long countAlarms() {
		return this.jdbc.sql("SELECT COUNT(*) FROM alarm").query(Long.class).single();
	}

	/**
	 * Alarm counts by exact outcome, in outcome order; alarms without one count as
	 * {@code pending}.
	 */
	public Map<String, Long> countAlarmsByOutcome() {
		Map<String, Long> counts = new LinkedHashMap<>();
		this.jdbc.sql("""
				SELECT COALESCE(outcome, 'pending') AS outcome, COUNT(*) AS n FROM alarm
				GROUP BY COALESCE(outcome, 'pending') ORDER BY 1""").query((rs) -> {
			counts.put(rs.getString("outcome"), rs.getLong("n"));
		});
		return counts;
	}

}
