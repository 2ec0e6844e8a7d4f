package io.videostore.webhook;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.videostore.config.CameraAuth;
import io.videostore.config.CameraConfig;
import io.videostore.config.CameraSourceType;
import io.videostore.config.MatchRules;
import io.videostore.config.VideoConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AlarmRouter}: which cameras an alarm triggers, by each camera's
 * {@code match} rules.
 */
class AlarmRouterTests {

	static final String COMPANY = "1111-2222-3333-4444-5555";

	@Test
	void legacyCameraRecordsEveryAlarmButNotADeviceTransfer() {
		AlarmRouter router = new AlarmRouter(List.of(camera("default", MatchRules.ALL)));

		assertThat(ids(router.route(alarm("alarm-medium")))).containsExactly("default");
		assertThat(ids(router.route(alarm("alarm-high")))).containsExactly("default");
		assertThat(router.route(alarm("device-transfer"))).isEmpty();
	}

	@ParameterizedTest(name = "label \"{0}\"")
	@ValueSource(strings = { "alarm-medium", "alarm-low", "ALARM-HIGH" })
	void cameraWithoutSystemLabelRuleRecordsAlarmsOfAnyLevel(String label) {
		CameraConfig line4 = camera("line4", rules(List.of("ajParmNkfASN"), List.of(), List.of(), List.of(), null));

		assertThat(new AlarmRouter(List.of(line4)).route(alarm(label))).containsExactly(line4);
	}

	@Test
	void messageWithoutSystemLabelCountsAsAnAlarm() {
		CameraConfig legacy = camera("default", MatchRules.ALL);
		CameraConfig line4 = camera("line4", rules(List.of("ajParmNkfASN"), List.of(), List.of(), List.of(), null));
		AlarmRouter router = new AlarmRouter(List.of(legacy, line4));

		assertThat(router.route(alarm(null))).containsExactly(legacy, line4);
		assertThat(router.route(alarm(" "))).containsExactly(legacy, line4);
	}

	@Test
	void cameraWithoutSystemLabelRuleIgnoresDeviceTransfers() {
		CameraConfig line4 = camera("line4", rules(List.of("ajParmNkfASN"), List.of(), List.of(), List.of(), null));

		assertThat(new AlarmRouter(List.of(line4)).route(alarm("device-transfer"))).isEmpty();
	}

	@Test
	void systemLabelRuleRecordsExactlyTheListedKindsOfMessage() {
		CameraConfig transfers = camera("transfers",
				rules(List.of(), List.of(), List.of(), List.of("device-transfer"), null));
		CameraConfig both = camera("both",
				rules(List.of(), List.of(), List.of(), List.of("alarm-medium", "device-transfer"), null));
		AlarmRouter router = new AlarmRouter(List.of(transfers, both));

		assertThat(ids(router.route(alarm("device-transfer")))).containsExactly("transfers", "both");
		assertThat(ids(router.route(alarm("alarm-medium")))).containsExactly("both");
		assertThat(router.route(alarm("alarm-high"))).isEmpty();
	}

	@Test
	void deviceIdRuleRecordsOnlyThatDevicesAlarms() {
		CameraConfig line4 = camera("line4", rules(List.of("ajParmNkfASN"), List.of(), List.of(), List.of(), null));
		AlarmRouter router = new AlarmRouter(List.of(line4));

		assertThat(router.route(alarm("alarm-medium"))).containsExactly(line4);
		assertThat(router.route(alarm("alarm-medium", Map.of("Device ID", "otherDevice01")))).isEmpty();
		assertThat(router.route(alarm("alarm-medium", Map.of("Device ID", "AJPARMNKFASN")))).isEmpty();
		assertThat(router.route(alarm("alarm-medium", Map.of()))).isEmpty();
	}

	@Test
	void aListOfValuesMatchesAnyOfThem() {
		CameraConfig hall = camera("hall",
				rules(List.of("otherDevice01", "ajParmNkfASN"), List.of(), List.of(), List.of(), null));
		AlarmRouter router = new AlarmRouter(List.of(hall));

		assertThat(router.route(alarm("alarm-medium", Map.of("Device ID", "ajParmNkfASN")))).containsExactly(hall);
		assertThat(router.route(alarm("alarm-medium", Map.of("Device ID", "otherDevice01")))).containsExactly(hall);
		assertThat(router.route(alarm("alarm-medium", Map.of("Device ID", "thirdDevice9")))).isEmpty();
	}

	@Test
	void deviceNameRuleIgnoresCase() {
		CameraConfig line4 = camera("line4",
				rules(List.of(), List.of("line 4 case packer"), List.of(), List.of(), null));
		AlarmRouter router = new AlarmRouter(List.of(line4));

		assertThat(router.route(alarm("alarm-medium"))).containsExactly(line4);
		assertThat(router.route(alarm("alarm-medium", Map.of("Device name", "Line 5 Case Packer")))).isEmpty();
	}

	@Test
	void companyIdRuleRecordsOnlyThatCompanysAlarms() {
		CameraConfig ours = camera("ours", rules(List.of(), List.of(), List.of(COMPANY), List.of(), null));
		AlarmRouter router = new AlarmRouter(List.of(ours));

		assertThat(router.route(alarm("alarm-medium"))).containsExactly(ours);
		assertThat(router.route(withCompany(alarm("alarm-medium"), "9999-8888-7777-6666-5555"))).isEmpty();
	}

	@Test
	void anAlarmWithoutCompanyOrLabelSkipsTheCamerasThatAskForOneAndStillReachesTheOthers() {
		CameraConfig ours = camera("ours", rules(List.of(), List.of(), List.of(COMPANY), List.of(), null));
		CameraConfig labelled = camera("labelled",
				rules(List.of(), List.of(), List.of(), List.of("alarm-medium"), null));
		CameraConfig legacy = camera("default", MatchRules.ALL);
		AlarmRouter router = new AlarmRouter(List.of(ours, labelled, legacy));

		assertThat(ids(router.route(withCompany(alarm(null), null)))).containsExactly("default");
	}

	@Test
	void textRuleIsSearchedInShortAndLongContent() {
		CameraConfig gripper = camera("gripper",
				rules(List.of(), List.of(), List.of(), List.of(), Pattern.compile("Gripper pressure")));
		CameraConfig vacuum = camera("vacuum",
				rules(List.of(), List.of(), List.of(), List.of(), Pattern.compile("vacuum supply")));
		CameraConfig door = camera("door",
				rules(List.of(), List.of(), List.of(), List.of(), Pattern.compile("^Door open")));

		assertThat(ids(new AlarmRouter(List.of(gripper, vacuum, door)).route(alarm("alarm-medium"))))
			.containsExactly("gripper", "vacuum");
	}

	@Test
	void textRuleIsARegularExpressionAndCaseSensitiveUnlessAskedOtherwise() {
		CameraConfig exact = camera("exact",
				rules(List.of(), List.of(), List.of(), List.of(), Pattern.compile("gripper PRESSURE")));
		CameraConfig anyCase = camera("anyCase",
				rules(List.of(), List.of(), List.of(), List.of(), Pattern.compile("(?i)gripper PRESSURE")));
		CameraConfig line = camera("line",
				rules(List.of(), List.of(), List.of(), List.of(), Pattern.compile("Line [0-9]+ Case")));

		assertThat(ids(new AlarmRouter(List.of(exact, anyCase, line)).route(alarm("alarm-medium"))))
			.containsExactly("anyCase", "line");
	}

	@Test
	void textRuleDoesNotMatchAMessageWithoutText() {
		CameraConfig gripper = camera("gripper",
				rules(List.of(), List.of(), List.of(), List.of(), Pattern.compile("Gripper")));
		CloudNotification noText = new CloudNotification(LocalDateTime.of(2026, 11, 26, 12, 26, 24), COMPANY, null,
				"alarm-medium", null, null, null, Map.of("Device ID", "ajParmNkfASN"), "{}");

		assertThat(new AlarmRouter(List.of(gripper)).route(noText)).isEmpty();
	}

	@Test
	void everyGivenRuleMustMatch() {
		CameraConfig strict = camera("strict", rules(List.of("ajParmNkfASN"), List.of("Line 4 Case Packer"),
				List.of(COMPANY), List.of("alarm-medium"), Pattern.compile("Gripper")));
		AlarmRouter router = new AlarmRouter(List.of(strict));

		assertThat(router.route(alarm("alarm-medium"))).containsExactly(strict);
		assertThat(router.route(alarm("alarm-high"))).isEmpty();
		assertThat(router.route(withCompany(alarm("alarm-medium"), "9999-8888-7777-6666-5555"))).isEmpty();
		assertThat(router
			.route(alarm("alarm-medium", Map.of("Device ID", "ajParmNkfASN", "Device name", "Line 4 Palletizer"))))
			.isEmpty();
	}

	@Test
	void oneAlarmCanTriggerSeveralCamerasInConfigurationOrder() {
		CameraConfig top = camera("top", rules(List.of("ajParmNkfASN"), List.of(), List.of(), List.of(), null));
		CameraConfig elsewhere = camera("elsewhere",
				rules(List.of("otherDevice01"), List.of(), List.of(), List.of(), null));
		CameraConfig side = camera("side", rules(List.of(), List.of(), List.of(COMPANY), List.of(), null));
		CameraConfig front = camera("front", MatchRules.ALL);

		assertThat(ids(new AlarmRouter(List.of(top, elsewhere, side, front)).route(alarm("alarm-medium"))))
			.containsExactly("top", "side", "front");
	}

	@Test
	void withoutCamerasNothingIsRecorded() {
		assertThat(new AlarmRouter(List.of()).route(alarm("alarm-medium"))).isEmpty();
	}

	@Test
	void laterChangesToTheCameraListDoNotChangeTheRouting() {
		List<CameraConfig> cameras = new ArrayList<>(List.of(camera("default", MatchRules.ALL)));
		AlarmRouter router = new AlarmRouter(cameras);
		cameras.clear();

		assertThat(ids(router.route(alarm("alarm-medium")))).containsExactly("default");
	}

	static CameraConfig camera(String id, MatchRules match) {
		return new CameraConfig(id, id, CameraSourceType.DEMO, null, CameraAuth.NONE, null, null, null, null, match,
				VideoConfig.DEFAULTS);
	}

	static MatchRules rules(List<String> deviceIds, List<String> deviceNames, List<String> companyIds,
			List<String> systemLabels, Pattern text) {
		return new MatchRules(false, deviceIds, deviceNames, companyIds, systemLabels, text);
	}

	/** The example alarm of Line 4 Case Packer with another label. */
	static CloudNotification alarm(String systemLabel) {
		return alarm(systemLabel, Map.of("Device ID", "ajParmNkfASN", "Device name", "Line 4 Case Packer"));
	}

	static CloudNotification alarm(String systemLabel, Map<String, String> extraInfo) {
		return new CloudNotification(LocalDateTime.of(2026, 11, 26, 12, 26, 24), COMPANY, "Example Packaging BV",
				systemLabel, "Gripper pressure low of Line 4 Case Packer was triggered at Nov 26, 2026 12:26 PM UTC",
				"Check the vacuum supply of the gripper and the pick-up cups.", null, extraInfo, "{}");
	}

	static CloudNotification withCompany(CloudNotification n, String companyId) {
		return new CloudNotification(n.createdOn(), companyId, n.companyName(), n.systemLabel(), n.shortContent(),
				n.longContent(), n.alarmRateLimitTill(), n.extraInfo(), n.payload());
	}

	static List<String> ids(List<CameraConfig> cameras) {
		return cameras.stream().map(CameraConfig::id).toList();
	}

}
