package io.videostore.clips.search;

import java.nio.file.Path;

import io.videostore.clips.TestIndex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The index's read side as the service wires it, on the index's beans.
 */
class SearchConfigurationTests {

	@TempDir
	Path temp;

	@Test
	void searchAndStatisticsAreBeansOnTheMigratedIndex() {
		TestIndex.contextRunner(this.temp).withUserConfiguration(SearchConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(AlarmSearch.class).hasSingleBean(AlarmStats.class);
			assertThat(context.getBean(AlarmSearch.class).search(AlarmFilter.ALL, AlarmOrder.NEWEST, 0, 10).total())
				.isZero();
		});
	}

}
