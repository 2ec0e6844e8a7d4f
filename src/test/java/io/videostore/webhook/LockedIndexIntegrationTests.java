package io.videostore.webhook;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import io.videostore.clips.TestDatabase;
import io.videostore.config.CameraConfig;
import io.videostore.config.VideoConfig;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An alarm that arrives while another program holds the SQLite index's one write lock (a
 * backup tool, an operator's sqlite3 shell in a transaction) is refused with a 503 that
 * says so in words, and is stored when sent again once the lock is gone.
 */
class LockedIndexIntegrationTests {

	@TempDir
	Path videos;

	@Test
	void anAlarmWhileAnotherProgramLocksTheIndexIsRefusedWithAReasonInWordsAndStoredWhenSentAgain() throws Exception {
		Assumptions.assumeTrue(TestDatabase.suite() != TestDatabase.POSTGRESQL, "SQLite's lock only");
		VideoConfig video = VideoConfig.DEFAULTS.withOutput(this.videos).withDuration(Duration.ofSeconds(2));
		try (WebhookRig rig = WebhookRig.start(List.of(CameraConfig.demo(video)), video, WebhookRig.webhooks(10, 1))) {
			HttpResponse<String> refused;
			try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + this.videos.resolve(".videostore.db"));
					Statement st = other.createStatement()) {
				st.execute("BEGIN EXCLUSIVE");
				refused = rig.post(WebhookRig.alarm("d-1", "Press 1", WebhookRig.createdOn(0)));
				st.execute("ROLLBACK");
			}
			assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
			assertThat(refused.body()).contains("the index database is locked by another writer", "send it again later")
				.doesNotContain("Exception");

			HttpResponse<String> again = rig.post(WebhookRig.alarm("d-1", "Press 1", WebhookRig.createdOn(0)));
			assertThat(again.statusCode()).as(again.body()).isEqualTo(202);
		}
	}

}
