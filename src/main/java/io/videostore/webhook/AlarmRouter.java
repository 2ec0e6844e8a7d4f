package io.videostore.webhook;

import java.util.List;

import io.videostore.config.CameraConfig;
import io.videostore.config.MatchRules;

/**
 * Chooses which cameras an alarm triggers, by each camera's {@code match} rules: every
 * rule given must match; a list matches any of its values. The legacy single camera
 * matches every alarm, and a {@code cameras} entry without {@code system_label} matches
 * alarms only: messages such as device transfers record nothing unless a camera's
 * {@code system_label} asks for them.
 */
class AlarmRouter {

	private final List<CameraConfig> cameras;

	AlarmRouter(List<CameraConfig> cameras) {
		this.cameras = List.copyOf(cameras);
	}

	List<CameraConfig> route(CloudNotification n) {
		return cameras.stream().filter((c) -> matches(c.match(), n)).toList();
	}

	static boolean matches(MatchRules rules, CloudNotification n) {
		if (rules.all()) {
			return n.isAlarm();
		}
		boolean label = rules.systemLabels().isEmpty() ? n.isAlarm() : anyEquals(rules.systemLabels(), n.systemLabel());
		return label && anyEquals(rules.deviceIds(), n.deviceId())
				&& anyEqualsIgnoreCase(rules.deviceNames(), n.deviceName())
				&& anyEquals(rules.companyIds(), n.companyId()) && textMatches(rules, n);
	}

	// A field the message lacks (null) matches no rule: List.copyOf lists reject
	// contains(null).
	private static boolean anyEquals(List<String> values, String actual) {
		return values.isEmpty() || (actual != null && values.contains(actual));
	}

	private static boolean anyEqualsIgnoreCase(List<String> values, String actual) {
		return values.isEmpty() || (actual != null && values.stream().anyMatch((v) -> v.equalsIgnoreCase(actual)));
	}

	private static boolean textMatches(MatchRules rules, CloudNotification n) {
		if (rules.text() == null) {
			return true;
		}
		return (n.shortContent() != null && rules.text().matcher(n.shortContent()).find())
				|| (n.longContent() != null && rules.text().matcher(n.longContent()).find());
	}

}
