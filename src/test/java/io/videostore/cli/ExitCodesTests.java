package io.videostore.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

class ExitCodesTests {

	@Test
	void unexpectedErrorsAreOneLineWithCredentialsInUrlsMasked() {
		StringWriter err = new StringWriter();
		CommandLine cl = new CommandLine(new VideoStoreCommand(java.util.Map.of())).setErr(new PrintWriter(err, true));

		int code = ExitCodes.handle(
				new IllegalStateException(
						"cannot open rtsp://admin:s3cret-pass@10.0.0.7/stream1 via https://x.ixon/?auth=abc123def"),
				cl, null);

		assertThat(code).isEqualTo(ExitCodes.RECORDING_FAILED);
		assertThat(err.toString()).startsWith("error: IllegalStateException: cannot open rtsp://****@10.0.0.7/stream1")
			.doesNotContain("s3cret-pass", "abc123def")
			.hasLineCount(1);
	}

}
