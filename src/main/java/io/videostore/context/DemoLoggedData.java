package io.videostore.context;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import io.videostore.clips.AlarmView;
import io.videostore.ixon.data.DataPoint;

/**
 * Signals of the demo camera's imaginary machine, made up from the same wall clock the
 * demo camera burns into its frames, so they are in step with the video without an IXON
 * account: the clock's seconds (a step each second), a spindle load that swings every 20
 * s, and a door that is open from second 40 to 49 of every minute.
 */
final class DemoLoggedData implements LoggedData {

	static final String SOURCE = "Demo machine";

	static final String SOURCE_ID = "demo";

	@Override
	public Anchor anchor(AlarmView alarm) {
		return new Anchor(null, "the demo camera's alarms have no IXON alarm occurrence: createdOn is the anchor");
	}

	@Override
	public Signals fetch(AlarmView alarm, List<String> tags, Instant from, Instant to) {
		List<Series> series = new ArrayList<>();
		series.add(new Series(SOURCE, SOURCE_ID, "Clock seconds", "demo-clock-seconds", "s", "int", "interval", true,
				every(from, to, 1000, (t) -> (long) t.atZone(ZoneOffset.UTC).getSecond())));
		series.add(new Series(SOURCE, SOURCE_ID, "Spindle load", "demo-spindle-load", "%", "float", "interval", false,
				every(from, to, 500, DemoLoggedData::load)));
		series.add(new Series(SOURCE, SOURCE_ID, "Door open", "demo-door-open", "", "bool", "change", true,
				doorChanges(from, to)));
		List<Series> chosen = tags.isEmpty() ? series : series.stream().filter((s) -> tags.contains(s.slug())).toList();
		List<String> problems = tags.stream()
			.filter((slug) -> series.stream().noneMatch((s) -> s.slug().equals(slug)))
			.map((slug) -> "the demo machine has no tag '" + slug + "'")
			.toList();
		return new Signals(chosen, problems, false);
	}

	static double load(Instant t) {
		double seconds = t.toEpochMilli() / 1000.0;
		return Math.round((50 + 30 * Math.sin(2 * Math.PI * seconds / 20)) * 10) / 10.0;
	}

	static boolean doorOpen(Instant t) {
		int second = t.atZone(ZoneOffset.UTC).getSecond();
		return second >= 40 && second < 50;
	}

	private interface Value {

		Object at(Instant t);

	}

	/** Points at whole multiples of {@code stepMillis}, as a logger on an interval. */
	private static List<DataPoint> every(Instant from, Instant to, long stepMillis, Value value) {
		List<DataPoint> points = new ArrayList<>();
		long first = Math.floorDiv(from.toEpochMilli() + stepMillis - 1, stepMillis) * stepMillis;
		for (long ms = first; ms < to.toEpochMilli(); ms += stepMillis) {
			Instant t = Instant.ofEpochMilli(ms);
			points.add(new DataPoint(t, value.at(t)));
		}
		return points;
	}

	/** The value in force at {@code from}, then each change, as a logger on change. */
	private static List<DataPoint> doorChanges(Instant from, Instant to) {
		List<DataPoint> points = new ArrayList<>();
		boolean open = doorOpen(from);
		points.add(new DataPoint(from, open));
		long first = Math.floorDiv(from.toEpochMilli(), 1000) * 1000 + 1000;
		for (long ms = first; ms < to.toEpochMilli(); ms += 1000) {
			Instant t = Instant.ofEpochMilli(ms);
			if (doorOpen(t) != open) {
				open = !open;
				points.add(new DataPoint(t, open));
			}
		}
		return points;
	}

}
