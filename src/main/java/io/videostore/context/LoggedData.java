package io.videostore.context;

import java.time.Instant;
import java.util.List;

import io.videostore.clips.AlarmView;

/** Where an alarm's exact moment and its machine's logged signals come from. */
interface LoggedData {

	/** The alarm's moment as its machine logged it, if that can be told. */
	Anchor anchor(AlarmView alarm);

	/**
	 * The signals of the alarm's machine in {@code [from, to)}.
	 * @param tags the slugs asked for (a camera's {@code context.tags}), or empty to
	 * choose from the alarm
	 */
	Signals fetch(AlarmView alarm, List<String> tags, Instant from, Instant to);

}
