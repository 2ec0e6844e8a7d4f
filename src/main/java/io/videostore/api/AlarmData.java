package io.videostore.api;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.videostore.clips.AlarmContext;
import io.videostore.clips.AlarmView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An alarm's machine data: whether the logged signals around it are fetched yet, the
 * moment they are anchored on, and the signals themselves.
 *
 * @param alarmId the alarm
 * @param state {@code pending}, {@code done}, {@code partial}, {@code failed}, or
 * {@code none} when no machine data is fetched for this alarm
 * @param reason what is missing and why, or null
 * @param anchor the alarm's moment and how it was found
 * @param window the data window asked for, or null before the first fetch
 * @param fetchedAt when data was last fetched, or null
 * @param nextAttemptAt when the next fetch is due, or null
 * @param series the signals, as stored
 */
record AlarmData(long alarmId, String state, String reason, Anchor anchor, Window window, Instant fetchedAt,
		Instant nextAttemptAt, @ArraySchema(schema = @Schema(implementation = Signal.class)) List<JsonNode> series) {

	static final String NONE = "none";

	static final String NO_CONTEXT = "no machine data is fetched for this alarm";

	private static final Logger log = LoggerFactory.getLogger(AlarmData.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** A stored context as the API shows it. */
	static AlarmData of(AlarmContext c) {
		Window window = (c.windowStart() != null && c.windowEnd() != null) ? new Window(c.windowStart(), c.windowEnd())
				: null;
		return new AlarmData(c.alarmId(), c.state(), c.reason(), Anchor.of(c), window, c.fetchedAt(), c.nextAttemptAt(),
				series(c.alarmId(), c.series()));
	}

	/** An alarm without a context row: anchored on its {@code createdOn}, no data. */
	static AlarmData none(AlarmView alarm) {
		Instant createdOn = (alarm.createdOn() != null) ? alarm.createdOn().toInstant(ZoneOffset.UTC) : null;
		return new AlarmData(alarm.id(), NONE, NO_CONTEXT,
				new Anchor(createdOn, AlarmContext.CREATED_ON, createdOn, null, null, null), null, null, null,
				List.of());
	}

	/** The stored JSON array's items, or none when there is none (or it is broken). */
	static List<JsonNode> series(long alarmId, String stored) {
		if (stored == null || stored.isBlank()) {
			return List.of();
		}
		try {
			JsonNode node = JSON.readTree(stored);
			if (node != null && node.isArray()) {
				List<JsonNode> items = new ArrayList<>(node.size());
				node.forEach(items::add);
				return items;
			}
		}
		catch (JacksonException ex) {
			// falls through to the warning
		}
		log.warn("The stored series of alarm {} is no JSON array; answering none", alarmId);
		return List.of();
	}

	/**
	 * The moment the signals are anchored on.
	 *
	 * @param at the anchor: {@code occurredOn} when the occurrence was found, else
	 * {@code createdOn}
	 * @param source {@code occurrence} or {@code createdOn}
	 * @param createdOn Cloud Notify's {@code createdOn}
	 * @param occurredOn IXON's alarm occurrence, or null
	 * @param notifyDelaySeconds how much later than the occurrence Cloud Notify stamped
	 * the alarm ({@code createdOn - occurredOn}), or null
	 * @param note how the anchor was chosen, or null
	 */
	record Anchor(Instant at, String source, Instant createdOn, Instant occurredOn, Double notifyDelaySeconds,
			String note) {

		static Anchor of(AlarmContext c) {
			Double delay = (c.occurredOn() != null && c.createdOn() != null)
					? Duration.between(c.occurredOn(), c.createdOn()).toMillis() / 1000.0 : null;
			String source = (c.occurredOn() != null && AlarmContext.OCCURRENCE.equals(c.anchorSource()))
					? AlarmContext.OCCURRENCE : AlarmContext.CREATED_ON;
			return new Anchor(c.anchor(), source, c.createdOn(), c.occurredOn(), delay, c.anchorNote());
		}

	}

	/**
	 * One signal as stored, for the OpenAPI description only: the API passes the stored
	 * JSON through as it is.
	 *
	 * @param source the data source (PLC connection) by name
	 * @param sourceId its IXON publicId
	 * @param tag the logged tag's name
	 * @param slug its slug
	 * @param unit its variable's unit, or empty
	 * @param type its variable's type
	 * @param logEvent when IXON logs it
	 * @param step true when a value holds until the next one (logged on change, and
	 * booleans)
	 * @param points {@code [epochMilliseconds, value]} in time order; the value a number,
	 * boolean, text or null
	 */
	@Schema(name = "Signal")
	record Signal(String source, String sourceId, String tag, String slug, String unit, @Schema(allowableValues = {
			"bool", "int", "float", "str" }) String type,
			@Schema(allowableValues = { "interval", "change", "trigger" }) String logEvent, boolean step,
			@ArraySchema(schema = @Schema(description = "[epochMilliseconds, value]",
					example = "[1795694398000, 0.42]")) List<List<Object>> points){
	}

	/**
	 * The stretch of time the signals were asked for.
	 *
	 * @param from its start
	 * @param to its end
	 */
	record Window(Instant from, Instant to) {
	}

}
