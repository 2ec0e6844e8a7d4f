package io.videostore.api;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * An alarm's signals as CSV, one row per logged value: {@code time} (UTC with
 * milliseconds), {@code source}, {@code tag}, {@code unit}, {@code value}; signal after
 * signal, each in time order. Quoted and defused as {@link AlarmCsv} does; numbers and
 * booleans are written as they are, so a negative value stays a number.
 */
final class SignalCsv {

	static final String HEADER = "time,source,tag,unit,value";

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
		.withZone(ZoneOffset.UTC);

	private SignalCsv() {
	}

	static void write(List<JsonNode> series, Writer out) throws IOException {
		out.write('\uFEFF');
		out.write(HEADER + "\r\n");
		for (JsonNode signal : series) {
			String prefix = "," + AlarmCsv.cell(text(signal, "source")) + "," + AlarmCsv.cell(text(signal, "tag")) + ","
					+ AlarmCsv.cell(text(signal, "unit")) + ",";
			for (JsonNode point : signal.path("points")) {
				if (point.isArray() && point.path(0).isIntegralNumber()) {
					out.write(TIME.format(Instant.ofEpochMilli(point.path(0).longValue())));
					out.write(prefix);
					out.write(value(point.path(1)));
					out.write("\r\n");
				}
			}
		}
	}

	private static String text(JsonNode signal, String name) {
		JsonNode value = signal.path(name);
		return value.isValueNode() && !value.isNull() ? value.asString() : null;
	}

	/** A number or boolean as JSON writes it; a text defused; null as nothing. */
	static String value(JsonNode value) {
		if (value.isNumber() || value.isBoolean()) {
			return value.asString();
		}
		if (value.isString()) {
			return AlarmCsv.cell(value.stringValue());
		}
		return "";
	}

}
