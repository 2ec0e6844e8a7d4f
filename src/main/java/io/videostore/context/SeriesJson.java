package io.videostore.context;

import java.util.List;

import io.videostore.ixon.data.DataPoint;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Signals as stored with the alarm and served by the API: an array of {@code {source,
 * sourceId, tag, slug, unit, type, logEvent, step, points: [[epochMs, value]…]}}.
 */
final class SeriesJson {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private SeriesJson() {
	}

	static String of(List<Series> series) {
		ArrayNode all = JSON.createArrayNode();
		for (Series s : series) {
			ObjectNode o = all.addObject();
			o.put("source", s.source());
			o.put("sourceId", s.sourceId());
			o.put("tag", s.tag());
			o.put("slug", s.slug());
			o.put("unit", s.unit());
			o.put("type", s.type());
			o.put("logEvent", s.logEvent());
			o.put("step", s.step());
			ArrayNode points = o.putArray("points");
			for (DataPoint p : s.points()) {
				ArrayNode point = points.addArray();
				point.add(p.time().toEpochMilli());
				add(point, p.value());
			}
		}
		return JSON.writeValueAsString(all);
	}

	private static void add(ArrayNode point, Object value) {
		if (value == null) {
			point.addNull();
		}
		else if (value instanceof Boolean b) {
			point.add(b);
		}
		else if (value instanceof Long l) {
			point.add(l);
		}
		else if (value instanceof Integer i) {
			point.add(i);
		}
		else if (value instanceof Number n) {
			point.add(n.doubleValue());
		}
		else {
			point.add(value.toString());
		}
	}

}
