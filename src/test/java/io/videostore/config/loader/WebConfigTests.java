package io.videostore.config.loader;

import java.nio.file.Path;
import java.util.Map;

import io.videostore.config.WebConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code web.users} as a user writes it: hashes accepted, plain text warned about, and
 * mistakes named with their key and line.
 */
class WebConfigTests {

	static final String HASH = "{bcrypt}$2a$10$GRLdNijSQMUvl/au9ofL.eDwmoohzzS7.rmNSJZ.0FxO/BTk76klW";

	@TempDir
	Path dir;

	@Test
	void usersWithAHashOrAPlainPasswordAreReadAndPlainTextIsWarnedAboutWithoutShowingIt() {
		ConfigLoader loader = new ConfigLoader(Map.of());
		WebConfig web = loader.load(ConfigFiles.write(this.dir, """
				web:
				  users:
				    - name: alice
				      password: '%s'
				    - name: bob
				      password: plain-secret-123
				""".formatted(HASH))).web();

		assertThat(web.users()).extracting(WebConfig.User::name).containsExactly("alice", "bob");
		assertThat(web.user("alice").orElseThrow().plainText()).isFalse();
		assertThat(web.user("bob").orElseThrow().plainText()).isTrue();
		assertThat(loader.warnings()).singleElement()
			.asString()
			.contains("web.users[1].password at config.yml:6")
			.contains("'bob' is plain text")
			.contains("--hash-password")
			.doesNotContain("plain-secret-123");
		assertThat(web.toString()).doesNotContain("plain-secret-123").doesNotContain("$2a$");
	}

	@Test
	void withoutAWebSectionThereAreNoUsers() {
		assertThat(new ConfigLoader(Map.of()).load(ConfigFiles.write(this.dir, "")).web().users()).isEmpty();
	}

	@Test
	void aCutOffHashIsAnErrorNamingItsLineNotAPlainPassword() {
		ConfigFiles.assertError(this.dir, "web:\n  users:\n    - name: alice\n      password: '{bcrypt}$2a$10$short'\n",
				"web.users[0].password at config.yml:4: expected a whole {bcrypt} hash as --hash-password prints it, got a value");
	}

	@Test
	void aUserWithoutPasswordOrTwiceTheSameNameIsAnError() {
		ConfigFiles.assertError(this.dir, "web:\n  users:\n    - name: alice\n",
				"web.users[0].password at config.yml:3: expected a {bcrypt} hash (java -jar app.jar --hash-password), got ''");
		ConfigFiles.assertError(this.dir,
				"web:\n  users:\n    - {name: alice, password: a-long-password}\n    - {name: alice, password: b-long-password}\n",
				"web.users[1].name at config.yml:4: expected a name not used by another user, got 'alice'");
	}

}
