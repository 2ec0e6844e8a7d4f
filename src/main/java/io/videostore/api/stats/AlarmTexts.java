package io.videostore.api.stats;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import io.videostore.clips.search.AlarmStats;

/**
 * Alarm counts per text: IXON writes the moment into each alarm's text ("… was triggered
 * at Nov 26, 2026 12:26 PM UTC"), so texts are compared without it.
 */
final class AlarmTexts {

	private static final Pattern MOMENT = Pattern.compile("\\s+at\\s+[A-Z][a-z]{2,8}\\.?\\s+\\d{1,2},\\s+\\d{4}\\b.*$");

	private AlarmTexts() {
	}

	/**
	 * One alarm text.
	 *
	 * @param text the text without the moment
	 * @param count how many alarms
	 * @param lastOn the latest one's createdOn
	 * @param devices count per device
	 */
	record Text(String text, long count, Instant lastOn, Map<String, Long> devices) {
	}

	static List<Text> fold(List<AlarmStats.TextCount> counts, int limit) {
		Map<String, List<AlarmStats.TextCount>> byText = new LinkedHashMap<>();
		for (AlarmStats.TextCount c : counts) {
			byText.computeIfAbsent(withoutMoment(c.sample()), (t) -> new ArrayList<>()).add(c);
		}
		List<Text> texts = new ArrayList<>();
		byText.forEach((text, group) -> {
			Map<String, Long> devices = new TreeMap<>();
			group.forEach((c) -> devices.merge(c.device(), c.count(), Long::sum));
			Instant last = group.stream()
				.map(AlarmStats.TextCount::last)
				.filter(java.util.Objects::nonNull)
				.max(Comparator.naturalOrder())
				.orElse(null);
			texts.add(new Text(text, group.stream().mapToLong(AlarmStats.TextCount::count).sum(), last, devices));
		});
		texts.sort(Comparator.comparingLong(Text::count).reversed().thenComparing(Text::text));
		return texts.subList(0, Math.min(limit, texts.size()));
	}

	static String withoutMoment(String text) {
		return (text == null) ? "" : MOMENT.matcher(text).replaceFirst("");
	}

}
