package io.videostore.system;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LogTextTests {

	@Test
	void lineBreaksCannotForgeALogLine() {
		assertThat(LogText.of("Press 7\r\n2026-11-26T12:00:00Z ERROR [main] forged"))
			.isEqualTo("Press 7\\r\\n2026-11-26T12:00:00Z ERROR [main] forged")
			.doesNotContain("\n", "\r");
	}

	@Test
	void terminalEscapesNulAndBidiOverridesAreShownEscaped() {
		assertThat(LogText.of("\u001b[31mred\u001b[0m\u0000\u202egnp.exe\u2028\u0085"))
			.isEqualTo("\\u001b[31mred\\u001b[0m\\u0000\\u202egnp.exe\\u2028\\u0085");
	}

	@Test
	void ordinaryTextIncludingOtherScriptsIsUnchanged() {
		assertThat(LogText.of("Presse Köln — 東京 🚪")).isEqualTo("Presse Köln — 東京 🚪");
		assertThat(LogText.of(null)).isEqualTo("null");
	}

	@Test
	void longTextIsCutAndSaysHowLongItWas() {
		String cut = LogText.of("x".repeat(70_000));

		assertThat(cut).startsWith("x".repeat(LogText.MAX_CHARS)).endsWith("…(70000 chars)");
		assertThat(LogText.of("y".repeat(LogText.MAX_CHARS - 1) + "🚪")).as("a character is never cut in half")
			.isEqualTo("y".repeat(LogText.MAX_CHARS - 1) + "…(201 chars)");
	}

}
