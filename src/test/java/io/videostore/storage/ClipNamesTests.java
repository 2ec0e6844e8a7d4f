package io.videostore.storage;

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

	@Test
	void lettersOfOtherLanguagesAreKept() {
		assertThat(ClipNames.forAlarm(CREATED_ON, "Presse Müller Straße"))
			.isEqualTo("2019-08-29T12-26-24_Presse_Müller_Straße.mp4");
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
