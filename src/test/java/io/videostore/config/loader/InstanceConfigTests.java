package io.videostore.config.loader;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.videostore.config.AppConfig;
import io.videostore.config.ConfigException;
import io.videostore.config.InstanceConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code instance.*} and a camera's {@code site}, as a user of several instances writes
 * them.
 */
class InstanceConfigTests {

	@TempDir
	Path dir;

	@Test
	void withoutAnInstanceSectionTheIdIsTheHostAndVideosFolderAndStaysTheSameAcrossRestarts() {
		AppConfig config = load("video:\n  output: " + this.dir.resolve("videos") + "\n", Map.of());

		assertThat(config.instance()).isEqualTo(InstanceConfig.DEFAULTS);
		assertThat(config.instanceId()).matches("[A-Za-z0-9._-]+-[0-9a-f]{8}")
			.isEqualTo(load("video:\n  output: " + this.dir.resolve("videos") + "\n", Map.of()).instanceId())
			.isNotEqualTo(load("video:\n  output: " + this.dir.resolve("other") + "\n", Map.of()).instanceId());
		assertThat(config.instance().takeoverAfter()).isEqualTo(Duration.ofSeconds(15));
	}

	@Test
	void anEdgeRecorderNamesItsSiteAndItsCamerasTheirs() {
		AppConfig config = load("""
				instance:
				  id: edge-plant-a
				  site: plant-a
				  takeover_after: 30
				cameras:
				  - id: line-1
				    source: demo
				    site: plant-a
				  - id: line-2
				    source: demo
				""", Map.of());

		assertThat(config.instanceId()).isEqualTo("edge-plant-a");
		assertThat(config.instance().site()).isEqualTo("plant-a");
		assertThat(config.instance().takeoverAfter()).isEqualTo(Duration.ofSeconds(30));
		assertThat(config.camera("line-1").orElseThrow().site()).isEqualTo("plant-a");
		assertThat(config.camera("line-2").orElseThrow().site()).as("any instance without a site").isEmpty();
	}

	@Test
	void theEnvironmentNamesTheInstanceInEachContainer() {
		AppConfig config = load("instance:\n  site: plant-a\n", Map.of("VIDEOSTORE_INSTANCE_ID", "video-store-2"));

		assertThat(config.instanceId()).isEqualTo("video-store-2");
	}

	@Test
	void aTakeoverTimeOutsideItsRangeNamesTheKeyAndTheRange() {
		assertThatThrownBy(() -> load("instance:\n  takeover_after: 1\n", Map.of())).isInstanceOf(ConfigException.class)
			.hasMessageContaining("instance.takeover_after")
			.hasMessageContaining("between 3 and 600 seconds");
		assertThatThrownBy(() -> load("instance:\n  takeover_after: soon\n", Map.of()))
			.isInstanceOf(ConfigException.class)
			.hasMessageContaining("instance.takeover_after");
	}

	@Test
	void anIdThatWouldNotReadWellInLogsIsRefused() {
		assertThatThrownBy(() -> load("instance:\n  id: 'node 1; rm'\n", Map.of())).isInstanceOf(ConfigException.class)
			.hasMessageContaining("instance.id")
			.hasMessageContaining("letters, digits");
	}

	private AppConfig load(String yaml, Map<String, String> env) {
		return new ConfigLoader(env).load(ConfigFiles.write(this.dir, yaml));
	}

}
