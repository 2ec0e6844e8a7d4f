package io.videostore.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Optional;

import io.videostore.clips.AlarmContext;
import io.videostore.clips.AlarmContexts;
import io.videostore.clips.AlarmView;
import io.videostore.clips.Alarms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * What {@code /api/alarms/{id}/data} and {@code /api/alarms/{id}/data.csv} answer, with
 * the index and the stored contexts mocked: the state and its reason, the anchor with how
 * late Cloud Notify was, the stored signals passed through, one CSV row per value.
 */
@WebMvcTest(AlarmDataController.class)
@Import(ApiSlice.class)
class AlarmDataControllerTests {

	static final Instant CREATED_ON = Instant.parse("2026-11-26T11:59:58Z");

	static final Instant OCCURRED_ON = Instant.parse("2026-11-26T11:59:53.800Z");

	static final String SERIES = """
			[{"source":"PLC","sourceId":"s1","tag":"Gripper pressure","slug":"gripper-pressure","unit":"bar",
			  "type":"float","logEvent":"interval","step":false,
			  "points":[[1795694390000,0.42],[1795694391000,-3.5]]},
			 {"source":"PLC","sourceId":"s1","tag":"Door closed","slug":"door-closed","unit":"",
			  "type":"bool","logEvent":"change","step":true,"points":[[1795694393800,false],[1795694395250,true]]}]""";

	@Autowired
	MockMvc mvc;

	@MockitoBean
	Alarms alarms;

	@MockitoBean
	AlarmContexts contexts;

	@Test
	void aFetchedContextHasItsAnchorHowLateCloudNotifyWasItsWindowAndTheStoredSignals() throws Exception {
		given(this.alarms.alarm(7)).willReturn(Optional.of(alarm(7)));
		given(this.contexts.find(7)).willReturn(Optional
			.of(new AlarmContext(7, CREATED_ON, AlarmContext.OCCURRENCE, OCCURRED_ON, "matched occurrence a1", "done",
					null, CREATED_ON.minusSeconds(30), CREATED_ON.plusSeconds(30), SERIES, 1, null, ApiSlice.NOW)));

		this.mvc.perform(get("/api/alarms/7/data"))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
			.andExpect(jsonPath("$.alarmId").value(7))
			.andExpect(jsonPath("$.state").value("done"))
			.andExpect(jsonPath("$.reason").isEmpty())
			.andExpect(jsonPath("$.anchor.at").value("2026-11-26T11:59:53.800Z"))
			.andExpect(jsonPath("$.anchor.source").value("occurrence"))
			.andExpect(jsonPath("$.anchor.createdOn").value("2026-11-26T11:59:58Z"))
			.andExpect(jsonPath("$.anchor.occurredOn").value("2026-11-26T11:59:53.800Z"))
			.andExpect(jsonPath("$.anchor.notifyDelaySeconds").value(4.2))
			.andExpect(jsonPath("$.anchor.note").value("matched occurrence a1"))
			.andExpect(jsonPath("$.window.from").value("2026-11-26T11:59:28Z"))
			.andExpect(jsonPath("$.window.to").value("2026-11-26T12:00:28Z"))
			.andExpect(jsonPath("$.fetchedAt").value("2026-11-26T12:00:00Z"))
			.andExpect(jsonPath("$.nextAttemptAt").isEmpty())
			.andExpect(jsonPath("$.series.length()").value(2))
			.andExpect(jsonPath("$.series[0].tag").value("Gripper pressure"))
			.andExpect(jsonPath("$.series[0].unit").value("bar"))
			.andExpect(jsonPath("$.series[0].points[1][0]").value(1795694391000L))
			.andExpect(jsonPath("$.series[0].points[1][1]").value(-3.5))
			.andExpect(jsonPath("$.series[1].step").value(true))
			.andExpect(jsonPath("$.series[1].points[1][1]").value(true));
	}

	@Test
	void anAlarmWithoutAContextIsNoneWithTheReasonAnchoredOnItsCreatedOnAndNoSignals() throws Exception {
		given(this.alarms.alarm(7)).willReturn(Optional.of(alarm(7)));

		this.mvc.perform(get("/api/alarms/7/data"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.state").value("none"))
			.andExpect(jsonPath("$.reason").value("no machine data is fetched for this alarm"))
			.andExpect(jsonPath("$.anchor.at").value("2026-11-26T11:59:58Z"))
			.andExpect(jsonPath("$.anchor.source").value("createdOn"))
			.andExpect(jsonPath("$.anchor.occurredOn").isEmpty())
			.andExpect(jsonPath("$.anchor.notifyDelaySeconds").isEmpty())
			.andExpect(jsonPath("$.window").isEmpty())
			.andExpect(jsonPath("$.fetchedAt").isEmpty())
			.andExpect(jsonPath("$.series").isArray())
			.andExpect(jsonPath("$.series").isEmpty());
	}

	@Test
	void aPendingContextSaysWhenItIsFetchedAndHasNoSignalsYet() throws Exception {
		given(this.alarms.alarm(7)).willReturn(Optional.of(alarm(7)));
		given(this.contexts.find(7)).willReturn(Optional.of(new AlarmContext(7, CREATED_ON, AlarmContext.CREATED_ON,
				null, null, "pending", null, null, null, null, 0, ApiSlice.NOW.plusSeconds(60), null)));

		this.mvc.perform(get("/api/alarms/7/data"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.state").value("pending"))
			.andExpect(jsonPath("$.nextAttemptAt").value("2026-11-26T12:01:00Z"))
			.andExpect(jsonPath("$.anchor.at").value("2026-11-26T11:59:58Z"))
			.andExpect(jsonPath("$.window").isEmpty())
			.andExpect(jsonPath("$.series").isEmpty());
	}

	@Test
	void aFailedFetchSaysWhy() throws Exception {
		given(this.alarms.alarm(7)).willReturn(Optional.of(alarm(7)));
		given(this.contexts.find(7)).willReturn(Optional
			.of(new AlarmContext(7, CREATED_ON, AlarmContext.CREATED_ON, null, "no occurrence found", "failed",
					"IXON answered 403: no access to the device's data", null, null, null, 5, null, ApiSlice.NOW)));

		this.mvc.perform(get("/api/alarms/7/data"))
			.andExpect(jsonPath("$.state").value("failed"))
			.andExpect(jsonPath("$.reason").value("IXON answered 403: no access to the device's data"))
			.andExpect(jsonPath("$.anchor.note").value("no occurrence found"))
			.andExpect(jsonPath("$.series").isEmpty());
	}

	@Test
	void storedSignalsThatAreNoJsonArrayAreServedAsNone() throws Exception {
		given(this.alarms.alarm(7)).willReturn(Optional.of(alarm(7)));
		given(this.contexts.find(7)).willReturn(Optional.of(new AlarmContext(7, CREATED_ON, AlarmContext.CREATED_ON,
				null, null, "done", null, null, null, "{not json", 1, null, ApiSlice.NOW)));

		this.mvc.perform(get("/api/alarms/7/data"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.series").isArray())
			.andExpect(jsonPath("$.series").isEmpty());
	}

	@Test
	void theCsvHasOneRowPerValueInUtcWithMillisecondsQuotedAndDefused() throws Exception {
		String hostile = """
				[{"source":"=cmd|' /C calc'!A0","tag":"Temp, \\"inner\\"","unit":"°C","type":"float","step":false,
				  "points":[[1795694390000,-3.5],[1795694390250,null]]},
				 {"source":"PLC","tag":"Mode","unit":"","type":"str","step":true,"points":[[1795694391000,"+SUM(A1)"]]},
				 {"source":"PLC","tag":"Door closed","unit":"","type":"bool","step":true,"points":[[1795694392000,true]]}]""";
		given(this.alarms.alarm(7)).willReturn(Optional.of(alarm(7)));
		given(this.contexts.find(7)).willReturn(Optional.of(new AlarmContext(7, CREATED_ON, AlarmContext.CREATED_ON,
				null, null, "done", null, null, null, hostile, 1, null, ApiSlice.NOW)));

		String csv = this.mvc.perform(get("/api/alarms/7/data.csv"))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith("text/csv"))
			.andExpect(header().string("Content-Disposition", containsString("alarm-7-data.csv")))
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);

		assertThat(csv).isEqualTo("\uFEFF" + SignalCsv.HEADER + "\r\n"
				+ "2026-11-26T11:59:50.000Z,'=cmd|' /C calc'!A0,\"Temp, \"\"inner\"\"\",°C,-3.5\r\n"
				+ "2026-11-26T11:59:50.250Z,'=cmd|' /C calc'!A0,\"Temp, \"\"inner\"\"\",°C,\r\n"
				+ "2026-11-26T11:59:51.000Z,PLC,Mode,,'+SUM(A1)\r\n"
				+ "2026-11-26T11:59:52.000Z,PLC,Door closed,,true\r\n");
	}

	@Test
	void theCsvDefusesAFormulaAfterASemicolonAndQuotesTheCell() throws Exception {
		String hostile = """
				[{"source":"PLC;=1+1","tag":"Mode\\tA","unit":"","type":"str","step":true,
				  "points":[[1795694391000,"ok;@SUM(A1)"]]}]""";
		given(this.alarms.alarm(7)).willReturn(Optional.of(alarm(7)));
		given(this.contexts.find(7)).willReturn(Optional.of(new AlarmContext(7, CREATED_ON, AlarmContext.CREATED_ON,
				null, null, "done", null, null, null, hostile, 1, null, ApiSlice.NOW)));

		String csv = this.mvc.perform(get("/api/alarms/7/data.csv"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);

		assertThat(csv).isEqualTo("\uFEFF" + SignalCsv.HEADER + "\r\n"
				+ "2026-11-26T11:59:51.000Z,\"PLC;'=1+1\",\"Mode\tA\",,\"ok;'@SUM(A1)\"\r\n");
	}

	@Test
	void theCsvOfAnAlarmWithoutDataIsTheHeaderOnly() throws Exception {
		given(this.alarms.alarm(7)).willReturn(Optional.of(alarm(7)));

		String csv = this.mvc.perform(get("/api/alarms/7/data.csv"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);

		assertThat(csv).isEqualTo("\uFEFF" + SignalCsv.HEADER + "\r\n");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/alarms/99/data", "/api/alarms/99/data.csv" })
	void anUnknownAlarmIs404Problem(String path) throws Exception {
		this.mvc.perform(get(path))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value("no alarm 99"));

		verifyNoInteractions(this.contexts);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/alarms/0/data", "/api/alarms/abc/data.csv", "/api/alarms/-1/data" })
	void anIdThatIsNoPositiveNumberIs400ProblemNeverAStackTrace(String path) throws Exception {
		this.mvc.perform(get(path))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(content().string(not(containsString("Exception"))));

		verifyNoInteractions(this.alarms, this.contexts);
	}

	private static AlarmView alarm(long id) {
		return new AlarmView(id, ApiSlice.NOW, LocalDateTime.of(2026, 11, 26, 11, 59, 58), "c1", "d1", "Press 7",
				"alarm-high", "Door open of Press 7", "key", "{}", "10.9.8.7", "accepted", ApiSlice.NOW);
	}

}
