package io.videostore.context;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What an alarm's texts say about which IXON alarm and variables it is. */
class AlarmNamesTests {

	@Test
	void theAlarmsNameIsCloudNotifysTextWithoutTheDeviceAndTheVerb() {
		assertThat(AlarmNames.fromText("Gripper pressure low of Line 3 was triggered", "Line 3"))
			.isEqualTo("Gripper pressure low");
		assertThat(AlarmNames.fromText("Door open", "Press 7")).as("another form, taken whole").isEqualTo("Door open");
	}

	@Test
	void aFormulasVariablesAreReadWhicheverPrefixIxonStores() {
		assertThat(AlarmNames.variables("$12 0.5 < $7 1 == &&")).containsExactly(12L, 7L);
		assertThat(AlarmNames.variables("#3 10 >")).containsExactly(3L);
		assertThat(AlarmNames.variables(null)).isEmpty();
	}

}
