package io.videostore.storage;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ClipNames}: the original service's clip names, made safe as file
 * names.
 */
class ClipNamesTests {

	static final LocalDateTime CREATED_ON = LocalDateTime.of(2019, 8, 29, 12, 26, 24);

	@Test
	void alarmClipIsNamedByCreatedOnAndDeviceNameAsTheOriginalServiceDid() {
		assertThat(ClipNames.forAlarm(CREATED_ON, "Project D4 Alarming machine"))
			.isEqualTo("2019-08-29T12-26-24_Project_D4_Alarming_machine.mp4");
	}

	@Test
	void fractionsOfASecondAreNotPartOfTheName() {
		assertThat(ClipNames.forAlarm(CREATED_ON.withNano(987_000_000), "Line 4"))
			.isEqualTo("2019-08-29T12-26-24_Line_4.mp4");
	}

	@ParameterizedTest(name = "device name \"{0}\"")
	@NullSource
	@ValueSource(strings = { "", "   ", "\t" })
	void alarmWithoutDeviceNameIsNamedUnknownDevice(String deviceName) {
		assertThat(ClipNames.forAlarm(CREATED_ON, deviceName)).isEqualTo("2019-08-29T12-26-24_unknown_device.mp4");
	}

	@ParameterizedTest(name = "\"{0}\" -> {1}")
	@CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
			Line 4 / Case Packer     | 2019-08-29T12-26-24_Line_4__Case_Packer.mp4
			../../etc/passwd         | 2019-08-29T12-26-24_....etcpasswd.mp4
			C:\\Machines\\Press #3   | 2019-08-29T12-26-24_CMachinesPress_3.mp4
			`Press "A": 50% <ok>?*|` | 2019-08-29T12-26-24_Press_A_50_ok.mp4
			`$(rm -rf ~); echo`      | 2019-08-29T12-26-24_rm_-rf__echo.mp4
			Line-4_v2.1              | 2019-08-29T12-26-24_Line-4_v2.1.mp4
			""")
	void charactersOtherThanLettersDigitsUnderscoreDotAndDashAreLeftOut(String deviceName, String expected) {
		assertThat(ClipNames.forAlarm(CREATED_ON, deviceName)).isEqualTo(expected);
	}

	@ParameterizedTest(name = "\"{0}\"")
	@ValueSource(strings = { "../../../root/.ssh/authorized_keys", "..\\..\\windows\\system32", "/etc/passwd",
			"line\nbreak\r\nand\u0000nul", "tab\there", "..", "~/clips", "Press\u202Egnp.exe" })
	void aClipNameIsAlwaysOneSafeFileNameInsideTheOutputFolder(String deviceName) {
		String name = ClipNames.forAlarm(CREATED_ON, deviceName);

		assertThat(name).matches("[\\p{L}\\p{N}_][\\p{L}\\p{N}_.-]*\\.mp4");
		assertThat(Path.of("videos").resolve(name).normalize().getParent()).isEqualTo(Path.of("videos"));
	}

	@ParameterizedTest(name = "\"{0}\" -> {1}")
	@CsvSource(delimiter = '|', textBlock = """
			Presse Köln               | 2019-08-29T12-26-24_Presse_Koln.mp4
			Presse Müller Straße      | 2019-08-29T12-26-24_Presse_Muller_Strasse.mp4
			Ærø Smørrebrød Łódź Œuvre | 2019-08-29T12-26-24_AEro_Smorrebrod_Lodz_OEuvre.mp4
			Пресс Щука Ёлка Йорк      | 2019-08-29T12-26-24_Press_Shchuka_Yolka_York.mp4
			Їжак Ґанок Єва            | 2019-08-29T12-26-24_Yizhak_Ganok_Yeva.mp4
			Πρέσα Θήβα                | 2019-08-29T12-26-24_Presa_Thiva.mp4
			Ｌｉｎｅ ４                  | 2019-08-29T12-26-24_Line_4.mp4
			""")
	void lettersOfOtherLanguagesAreSpelledInAsciiSoTheNameWorksUnderAnyLocale(String deviceName, String expected) {
		assertThat(ClipNames.forAlarm(CREATED_ON, deviceName)).isEqualTo(expected);
	}

	@Test
	void aCjkDeviceNameOf78CharactersGivesAShortAsciiNameWithAHash() {
		String name = ClipNames.forAlarm(CREATED_ON, "工場第三製造ライン包装機".repeat(7).substring(0, 78), "gate");

		assertThat(name).matches("2019-08-29T12-26-24_[0-9a-f]{8}_gate\\.mp4");
		assertThat(name.getBytes(StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(255);
	}

	@Test
	void differentCjkDevicesNeverShareAName() {
		assertThat(ClipNames.forAlarm(CREATED_ON, "東京工場")).isNotEqualTo(ClipNames.forAlarm(CREATED_ON, "大阪工場"));
		assertThat(ClipNames.forAlarm(CREATED_ON, "Line 4 東京")).matches("2019-08-29T12-26-24_Line_4__[0-9a-f]{8}\\.mp4")
			.isNotEqualTo(ClipNames.forAlarm(CREATED_ON, "Line 4 大阪"));
	}

	@Test
	void theSameDeviceAlwaysGetsTheSameName() {
		assertThat(ClipNames.forAlarm(CREATED_ON, "東京工場")).isEqualTo(ClipNames.forAlarm(CREATED_ON, "東京工場"));
	}

	@Test
	void aCyrillicDeviceNameOf116CharactersIsCutIn150AsciiBytes() {
		String device = "Щётка чистящая линии ".repeat(6).substring(0, 116);

		String name = ClipNames.forAlarm(CREATED_ON, device, "gate");

		assertThat(name).startsWith("2019-08-29T12-26-24_Shchyotka_chistyashchaya_linii_").endsWith("_gate.mp4");
		assertThat(name.getBytes(StandardCharsets.UTF_8)).hasSize(150 + "_gate.mp4".length());
	}

	@ParameterizedTest(name = "{0} characters before an emoji")
	@ValueSource(ints = { 128, 129, 130, 131 })
	void anEmojiAtTheCutNeverLeavesHalfACharacter(int before) {
		String name = ClipNames.forAlarm(CREATED_ON, "a".repeat(before) + "😀😀😀 𝔸 end");

		assertThat(name).matches("[A-Za-z0-9_.-]+\\.mp4");
		assertThat(name.getBytes(StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(150 + ".mp4".length());
		assertThat(Path.of("videos").resolve(name).getFileName()).hasToString(name);
	}

	@ParameterizedTest(name = "\"{0}\"")
	@ValueSource(strings = { "工場", "😀", "..", "/\\:*?", "\ud83d" })
	void aDeviceNameWithNothingToSpellIsNamedByItsHash(String deviceName) {
		assertThat(ClipNames.forAlarm(CREATED_ON, deviceName)).matches("2019-08-29T12-26-24_[0-9a-f]{8}\\.mp4");
	}

	@Test
	void aNameTheFileSystemRefusedFallsBackToTheTimeAndAHash() {
		Instant now = Instant.parse("2026-11-26T12:26:24Z");

		assertThat(ClipNames.fallback("2019-08-29T12-26-24_Presse_Köln.mp4", now))
			.matches("2019-08-29T12-26-24_clip_[0-9a-f]{8}\\.mp4");
		assertThat(ClipNames.fallback("odd\u0000name.mp4", now)).matches("2026-11-26T12-26-24_clip_[0-9a-f]{8}\\.mp4");
	}

	@Test
	void aVeryLongDeviceNameIsCutSoTheNameStaysBounded() {
		String name = ClipNames.forAlarm(CREATED_ON, "Line 4 ".repeat(100));

		assertThat(name).hasSize(150 + ".mp4".length())
			.startsWith("2019-08-29T12-26-24_Line_4_Line_4_")
			.endsWith(".mp4");
	}

	@Test
	void aNameOfAtMost150CharactersBeforeTheExtensionIsKeptWhole() {
		String stamp = "2019-08-29T12-26-24_";

		assertThat(ClipNames.forAlarm(CREATED_ON, "a".repeat(130))).isEqualTo(stamp + "a".repeat(130) + ".mp4");
		assertThat(ClipNames.forAlarm(CREATED_ON, "a".repeat(130) + "bc")).isEqualTo(stamp + "a".repeat(130) + ".mp4");
	}

	@Test
	void testRecordingIsNamedByTheUtcTimeAndTheCamera() {
		Instant now = Instant.parse("2026-11-26T12:26:24.750Z");

		assertThat(ClipNames.forTest(now, "line4-top")).isEqualTo("2026-11-26T12-26-24_test_line4-top.mp4");
	}

	@Test
	void testRecordingOfAnOddCameraIdStillGetsASafeName() {
		Instant now = Instant.parse("2026-11-26T12:26:24Z");

		assertThat(ClipNames.forTest(now, "../cam 1")).isEqualTo("2026-11-26T12-26-24_test_..cam1.mp4");
	}

	@ParameterizedTest(name = "\"{0}\" -> \"{1}\"")
	@CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
			.hidden           | hidden
			-rf               | rf
			.-.-name          | name
			``                | clip
			...               | clip
			/\\:*?             | clip
			name.             | name.
			a-b.c_d           | a-b.c_d
			""")
	void aNameNeverStartsWithADotOrDashAndIsNeverEmpty(String stem, String expected) {
		assertThat(ClipNames.sanitize(stem)).isEqualTo(expected);
	}

}
