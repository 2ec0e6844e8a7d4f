package io.videostore.config;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Which alarms trigger a camera ({@code cameras[n].match}). Used by webhook routing.
 * Empty lists mean "any", except {@code systemLabels}: empty means alarms (a label
 * starting with {@code alarm}, in any case, or no label at all), the default for
 * {@code cameras} entries.
 *
 * @param all true for the legacy single camera: every alarm triggers it
 * @param deviceIds {@code extraInfo["Device ID"]} values
 * @param deviceNames {@code extraInfo["Device name"]} values
 * @param companyIds {@code companyId} values
 * @param systemLabels {@code systemLabel} values (empty: alarms only)
 * @param text regular expression matched against {@code shortContent} and
 * {@code longContent} (null = any)
 */
public record MatchRules(boolean all, List<String> deviceIds, List<String> deviceNames, List<String> companyIds,
		List<String> systemLabels, Pattern text) {

	public static final MatchRules ALL = new MatchRules(true, List.of(), List.of(), List.of(), List.of(), null);

	public MatchRules {
		deviceIds = List.copyOf(deviceIds);
		deviceNames = List.copyOf(deviceNames);
		companyIds = List.copyOf(companyIds);
		systemLabels = List.copyOf(systemLabels);
	}

}
