package io.videostore.config.loader;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.videostore.config.AppConfig;
import io.videostore.config.ConfigException;
import io.videostore.config.ContextConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code context.*} and a camera's {@code context.tags}, as a user writes them. */
class ContextConfigTests {

	@TempDir
	Path dir;

	@Test
	void withoutAContextSectionSignalsAreFetchedAMinuteAfterTheWindowWithFiveSecondsMargin() {
		assertThat(load("").context()).isEqualTo(ContextConfig.DEFAULTS);
		assertThat(ContextConfig.DEFAULTS.grace()).isEqualTo(Duration.ofSeconds(60));
	}

	@Test
	void aCameraNamesTheTagsShownBesideItsClips() {
		AppConfig config = load("""
				context:
				  grace: 120
				  margin: 2
				  max_tags: 6
				cameras:
				  - id: press
				    source: demo
				    context:
				      tags: [gripper-pressure, 'spindle_speed[1]']
				""");

		assertThat(config.context())
			.isEqualTo(new ContextConfig(true, Duration.ofSeconds(120), Duration.ofSeconds(2), 6));
		assertThat(config.camera("press").orElseThrow().contextTags())
			.isEqualTo(List.of("gripper-pressure", "spindle_speed[1]"));
	}

	@Test
	void aSlugIxonCannotHaveNamesTheKey() {
		assertThatThrownBy(() -> load("cameras:\n  - id: press\n    source: demo\n    context:\n      tags: ['a b']\n"))
			.isInstanceOf(ConfigException.class)
			.hasMessageContaining("cameras[0].context.tags")
			.hasMessageContaining("slugs");
		assertThatThrownBy(() -> load("context:\n  max_tags: 0\n")).isInstanceOf(ConfigException.class)
			.hasMessageContaining("context.max_tags");
	}

	private AppConfig load(String yaml) {
		return new ConfigLoader(Map.of()).load(ConfigFiles.write(this.dir, yaml));
	}

}
