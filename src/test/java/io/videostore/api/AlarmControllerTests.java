package io.videostore.api;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.videostore.clips.AlarmView;
import io.videostore.clips.Alarms;
import io.videostore.clips.JobState;
import io.videostore.clips.search.AlarmClip;
import io.videostore.clips.search.AlarmFilter;
import io.videostore.clips.search.AlarmOrder;
import io.videostore.clips.search.AlarmRecording;
import io.videostore.clips.search.AlarmSearch;
import io.videostore.clips.search.AlarmStatus;
import io.videostore.clips.search.AlarmSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * What {@code /api/alarms}, {@code /api/alarms/{id}} and {@code /api/alarms.csv} answer,
 * the search behind them mocked: every filter reaches it parsed, pages and order are
 * checked, each alarm comes with its clips and links, and every bad value is a 400
 * problem naming its parameter.
 */
@WebMvcTest(AlarmController.class)
@Import(ApiSlice.class)
class AlarmControllerTests {

	@Autowired
	MockMvc mvc;

	@MockitoBean
	AlarmSearch search;

	@MockitoBean
	Alarms alarms;

	@Test
	void everyFilterReachesTheSearchParsed() throws Exception {
		given(this.search.search(any(), any(), anyLong(), anyInt())).willReturn(new AlarmSearch.Page(List.of(), 0));

		this.mvc
			.perform(get("/api/alarms").param("from", "2026-11-01T00:00:00Z")
				.param("to", "2026-11-26T13:00:00+01:00")
				.param("device", "Press 7")
				.param("camera", "gate")
				.param("text", "door")
				.param("label", "alarm-high")
				.param("outcome", "recorded,failed")
				.param("outcome", "duplicate"))
			.andExpect(status().isOk());

		ArgumentCaptor<AlarmFilter> filter = ArgumentCaptor.forClass(AlarmFilter.class);
		verify(this.search).search(filter.capture(), eq(AlarmOrder.NEWEST), eq(0L), eq(50));
		assertThat(filter.getValue()).isEqualTo(new AlarmFilter(Instant.parse("2026-11-01T00:00:00Z"),
				Instant.parse("2026-11-26T12:00:00Z"), "Press 7", "gate", "door", "alarm-high",
				Set.of(AlarmStatus.DONE, AlarmStatus.FAILED, AlarmStatus.DUPLICATE)));
	}

	@Test
	void aDateAloneMeansItsUtcMidnight() throws Exception {
		given(this.search.search(any(), any(), anyLong(), anyInt())).willReturn(new AlarmSearch.Page(List.of(), 0));

		this.mvc.perform(get("/api/alarms").param("from", "2026-11-01")).andExpect(status().isOk());

		ArgumentCaptor<AlarmFilter> filter = ArgumentCaptor.forClass(AlarmFilter.class);
		verify(this.search).search(filter.capture(), any(), anyLong(), anyInt());
		assertThat(filter.getValue().from()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
	}

	@Test
	void eachAlarmComesWithItsClipsLinksAndThePageInfo() throws Exception {
		given(this.search.search(any(), any(), eq(40L), eq(20))).willReturn(new AlarmSearch.Page(List.of(done(7)), 95));

		this.mvc.perform(get("/api/alarms").param("page", "2").param("size", "20").param("device", "Press 7"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items[0].id").value(7))
			.andExpect(jsonPath("$.items[0].outcome").value("done"))
			.andExpect(jsonPath("$.items[0].createdOn").value("2026-11-26T11:59:58Z"))
			.andExpect(jsonPath("$.items[0].clips[0].file").value("2026-11-26T11-59-55_Press_7.mp4"))
			.andExpect(jsonPath("$.items[0].clips[0].alarmOffsetSeconds").value(3.0))
			.andExpect(jsonPath("$.items[0].clips[0].location").value("local"))
			.andExpect(jsonPath("$.items[0].clips[0].protected").value(false))
			.andExpect(jsonPath("$.items[0].links.self").value("/api/alarms/7"))
			.andExpect(jsonPath("$.items[0].links.ui").value("/alarms/7"))
			.andExpect(jsonPath("$.items[0].links.video").value("/api/clips/3/video"))
			.andExpect(jsonPath("$.items[0].links.thumbnail").value("/api/clips/3/thumbnail"))
			.andExpect(jsonPath("$.page").value(2))
			.andExpect(jsonPath("$.size").value(20))
			.andExpect(jsonPath("$.totalItems").value(95))
			.andExpect(jsonPath("$.totalPages").value(5))
			.andExpect(jsonPath("$.sort").value("createdOn,desc"))
			.andExpect(jsonPath("$.links.next").value("/api/alarms?page=3&size=20&device=Press%207"))
			.andExpect(jsonPath("$.links.prev").value("/api/alarms?page=1&size=20&device=Press%207"))
			.andExpect(content().string(not(containsString("/srv/"))));
	}

	@Test
	void aPageBeyondTheEndIsEmptyWithTheTotal() throws Exception {
		given(this.search.search(any(), any(), eq(50_000L), eq(50))).willReturn(new AlarmSearch.Page(List.of(), 95));

		this.mvc.perform(get("/api/alarms").param("page", "1000"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items").isEmpty())
			.andExpect(jsonPath("$.totalItems").value(95))
			.andExpect(jsonPath("$.links.next").doesNotExist())
			.andExpect(jsonPath("$.links.prev").value("/api/alarms?page=1"));
	}

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource({ "size,0", "size,201", "size,-1", "size,many", "page,-1", "page,abc", "page,99999999999",
			"sort,password", "sort,'createdOn,sideways'", "sort,'createdOn,desc,id'", "from,yesterday", "to,2026-13-01",
			"outcome,lost", "outcome,'done,lost'" })
	void aBadValueIs400NamingItsParameter(String parameter, String value) throws Exception {
		this.mvc.perform(get("/api/alarms").param(parameter, value))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.parameter").value(parameter))
			.andExpect(jsonPath("$.detail").value(containsString(parameter)))
			.andExpect(content().string(not(containsString("Exception"))));

		verifyNoInteractions(this.search);
	}

	@ParameterizedTest(name = "{0}=[{1}]")
	@CsvSource({ "page,0x1", "page,#1", "page,+1", "page,' 1'", "page,\u0661", "page,1e3", "page,99999999999999999999",
			"size,0x10", "size,+20", "size,\u0662\u0660" })
	void aPageOrSizeOfAnythingButDecimalDigitsIs400(String parameter, String value) throws Exception {
		this.mvc.perform(get("/api/alarms").param(parameter, value))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value(parameter + ": must be a whole number"));

		verifyNoInteractions(this.search);
	}

	@Test
	void theLargestPageIs200() throws Exception {
		given(this.search.search(any(), any(), anyLong(), anyInt())).willReturn(new AlarmSearch.Page(List.of(), 0));

		this.mvc.perform(get("/api/alarms").param("size", "200")).andExpect(status().isOk());

		verify(this.search).search(any(), any(), eq(0L), eq(200));
	}

	@ParameterizedTest
	@CsvSource({ "'device,asc',DEVICE,false", "receivedAt,RECEIVED_AT,false", "'ID,DESC',ID,true",
			"'text,desc',TEXT,true", "label,LABEL,false", "'createdOn,asc',CREATED_ON,false" })
	void sortsByTheWhitelistedFields(String sort, AlarmOrder.Field field, boolean descending) throws Exception {
		given(this.search.search(any(), any(), anyLong(), anyInt())).willReturn(new AlarmSearch.Page(List.of(), 0));

		this.mvc.perform(get("/api/alarms").param("sort", sort)).andExpect(status().isOk());

		verify(this.search).search(any(), eq(new AlarmOrder(field, descending)), eq(0L), eq(50));
	}

	@Test
	void oneAlarmWithItsVariablesJobsAndClipsButNoSendersAddressOrPaths() throws Exception {
		given(this.search.alarm(7)).willReturn(Optional.of(done(7)));
		given(this.alarms.alarm(7)).willReturn(Optional.of(stored(7, "accepted")));

		this.mvc.perform(get("/api/alarms/7"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.variables['Gripper pressure']").value("0.42 bar"))
			.andExpect(jsonPath("$.variables['Cycle count']").value("182734"))
			.andExpect(jsonPath("$.variables['Device name']").value("Press 7"))
			.andExpect(jsonPath("$.longContent").value("Check the vacuum supply."))
			.andExpect(jsonPath("$.companyId").value("c1"))
			.andExpect(jsonPath("$.jobs[0].state").value("done"))
			.andExpect(jsonPath("$.jobs[0].camera").value("demo"))
			.andExpect(jsonPath("$.jobs[0].clipId").value(3))
			.andExpect(jsonPath("$.clips[0].durationSeconds").value(10.0))
			.andExpect(jsonPath("$.clips[0].sizeBytes").value(123456))
			.andExpect(jsonPath("$.clips[0].windowStart").value("2026-11-26T11:59:55Z"))
			.andExpect(jsonPath("$.links.video").value("/api/clips/3/video"))
			.andExpect(content().string(not(containsString("10.9.8.7"))))
			.andExpect(content().string(not(containsString("/srv/"))))
			.andExpect(content().string(not(containsString("userId"))));
	}

	@Test
	void aDuplicateLinksTheAlarmItRepeats() throws Exception {
		AlarmSummary duplicate = new AlarmSummary(8, ApiSlice.NOW, ApiSlice.NOW, "c1", "d1", "Press 7", "alarm-high",
				"Door open", "duplicate of alarm 7", AlarmStatus.DUPLICATE, List.of());
		given(this.search.alarm(8)).willReturn(Optional.of(duplicate));
		given(this.alarms.alarm(8)).willReturn(Optional.of(stored(8, "duplicate of alarm 7")));

		this.mvc.perform(get("/api/alarms/8"))
			.andExpect(jsonPath("$.outcome").value("duplicate"))
			.andExpect(jsonPath("$.links.original").value("/api/alarms/7"))
			.andExpect(jsonPath("$.links.video").doesNotExist());
	}

	@Test
	void anUnknownAlarmIs404Problem() throws Exception {
		this.mvc.perform(get("/api/alarms/99"))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value("no alarm 99"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/alarms/abc", "/api/alarms/0", "/api/alarms/-5", "/api/alarms/1.5",
			"/api/alarms/99999999999999999999", "/api/alarms/..%2F..%2Fetc%2Fpasswd", "/api/alarms/%2e%2e" })
	void anIdThatIsNoPositiveNumberIs400Or404NeverAStackTrace(String path) throws Exception {
		this.mvc.perform(get(path))
			.andExpect((r) -> assertThat(r.getResponse().getStatus()).isIn(400, 404))
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(content().string(not(containsString("Exception"))))
			.andExpect(content().string(not(containsString("root:"))));

		verifyNoInteractions(this.search);
	}

	@Test
	void theCsvHasEveryMatchQuotedAndDefusedInTheListsOrder() throws Exception {
		AlarmSummary hostile = new AlarmSummary(9, ApiSlice.NOW, ApiSlice.NOW, "c1", "d2", "=HYPERLINK(\"x\")",
				"alarm-high", "Jam, \"left\"\nside", "accepted", AlarmStatus.FAILED, List.of());
		doAnswer((call) -> {
			call.<java.util.function.Consumer<List<AlarmSummary>>>getArgument(3).accept(List.of(done(7), hostile));
			return null;
		}).when(this.search).forEach(any(), any(), anyInt(), any());

		String csv = this.mvc.perform(get("/api/alarms.csv").param("device", "Press 7").param("sort", "id,asc"))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith("text/csv"))
			.andExpect(header().string("Content-Disposition", containsString("alarms.csv")))
			.andReturn()
			.getResponse()
			.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);

		verify(this.search).forEach(eq(new AlarmFilter(null, null, "Press 7", null, null, null, null)),
				eq(new AlarmOrder(AlarmOrder.Field.ID, false)), anyInt(), any());
		assertThat(csv).startsWith("\uFEFF" + AlarmCsv.HEADER + "\r\n");
		assertThat(csv).contains("\r\n7,2026-11-26T11:59:58Z,2026-11-26T12:00:00Z,d1,Press 7,alarm-high,"
				+ "Door open of Press 7,done,accepted,demo,3,2026-11-26T11-59-55_Press_7.mp4,/alarms/7\r\n");
		assertThat(csv).contains(",\"'=HYPERLINK(\"\"x\"\")\",alarm-high,\"Jam, \"\"left\"\"\nside\",failed,");
	}

	@ParameterizedTest
	@ValueSource(strings = { "*/*", "text/csv" })
	void aBadFilterOfTheCsvIsA400Problem(String accept) throws Exception {
		this.mvc.perform(get("/api/alarms.csv").param("outcome", "lost").accept(accept))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.parameter").value("outcome"));

		verifyNoInteractions(this.search);
	}

	@ParameterizedTest
	@ValueSource(strings = { "-1", "+1", "@SUM(A1)", "=1+1", "\tx" })
	void csvCellsThatASpreadsheetWouldRunStartWithAQuote(String value) {
		String quote = value.contains("\t") ? "\"" : "";
		assertThat(AlarmCsv.cell(value)).startsWith(quote + "'").contains(value.trim());
	}

	@Test
	void aCellWithASemicolonOrTabIsQuoted() {
		assertThat(AlarmCsv.cell("Jam; left side")).isEqualTo("\"Jam; left side\"");
		assertThat(AlarmCsv.cell("Jam\tleft")).isEqualTo("\"Jam\tleft\"");
		assertThat(AlarmCsv.cell("Jam left")).isEqualTo("Jam left");
	}

	@Test
	void aFormulaAfterASeparatorQuoteOrLineBreakIsDefusedToo() {
		assertThat(AlarmCsv.cell(";=1+1")).isEqualTo("\";'=1+1\"");
		assertThat(AlarmCsv.cell("Jam;=HYPERLINK(\"x\")")).isEqualTo("\"Jam;'=HYPERLINK(\"\"x\"\")\"");
		assertThat(AlarmCsv.cell("a,+1")).isEqualTo("\"a,'+1\"");
		assertThat(AlarmCsv.cell("a\t@SUM(A1)")).isEqualTo("\"a\t'@SUM(A1)\"");
		assertThat(AlarmCsv.cell("a\n-1")).isEqualTo("\"a\n'-1\"");
		assertThat(AlarmCsv.cell("a\"=1")).isEqualTo("\"a\"\"'=1\"");
		assertThat(AlarmCsv.cell("a; -1 and 2-1=1")).isEqualTo("\"a; -1 and 2-1=1\"");
	}

	@Test
	void theCsvRowOfAnAlarmWithAFormulaAfterASemicolonIsDefused() throws Exception {
		AlarmSummary hostile = new AlarmSummary(9, ApiSlice.NOW, ApiSlice.NOW, "c1", "Press;=1+1", "a\tb", "alarm-high",
				";=1+1", "accepted", AlarmStatus.FAILED, List.of());
		doAnswer((call) -> {
			call.<java.util.function.Consumer<List<AlarmSummary>>>getArgument(3).accept(List.of(hostile));
			return null;
		}).when(this.search).forEach(any(), any(), anyInt(), any());

		String csv = this.mvc.perform(get("/api/alarms.csv"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);

		assertThat(csv).isEqualTo("\uFEFF" + AlarmCsv.HEADER + "\r\n"
				+ "9,2026-11-26T12:00:00Z,2026-11-26T12:00:00Z,\"Press;'=1+1\",\"a\tb\",alarm-high,\";'=1+1\","
				+ "failed,accepted,,,,/alarms/9\r\n");
	}

	@Test
	void anOnDemandClipThatStartsAfterTheAlarmGivesANegativeOffset() throws Exception {
		// The alarm at 11:59:58; the camera answered 3.1 s later.
		AlarmClip late = new AlarmClip(3, "demo", "2026-11-26T12-00-01_Press_7.mp4", 10.0, 100, "h264", 640, 360,
				123456, ApiSlice.NOW.plusMillis(1100), ApiSlice.NOW.plusMillis(11100), ApiSlice.NOW.plusSeconds(12),
				"local", false, null);
		AlarmRecording job = new AlarmRecording(5, "demo", JobState.DONE, JobState.DONE, null, ApiSlice.NOW,
				ApiSlice.NOW.plusSeconds(10), null, ApiSlice.NOW, ApiSlice.NOW, ApiSlice.NOW, late);
		given(this.search.alarm(7))
			.willReturn(Optional.of(new AlarmSummary(7, ApiSlice.NOW.minusSeconds(2), ApiSlice.NOW, "c1", "d1",
					"Press 7", "alarm-high", "Door open of Press 7", "accepted", AlarmStatus.DONE, List.of(job))));
		given(this.alarms.alarm(7)).willReturn(Optional.of(stored(7, "accepted")));

		this.mvc.perform(get("/api/alarms/7"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.clips[0].alarmOffsetSeconds").value(-3.1));
	}

	private static AlarmSummary done(long id) {
		AlarmClip clip = ApiSlice.clip(3, "local");
		AlarmRecording job = new AlarmRecording(5, "demo", JobState.DONE, JobState.DONE, null, ApiSlice.NOW,
				ApiSlice.NOW, null, ApiSlice.NOW, ApiSlice.NOW, ApiSlice.NOW, clip);
		return new AlarmSummary(id, ApiSlice.NOW.minusSeconds(2), ApiSlice.NOW, "c1", "d1", "Press 7", "alarm-high",
				"Door open of Press 7", "accepted", AlarmStatus.DONE, List.of(job));
	}

	private static AlarmView stored(long id, String outcome) {
		return new AlarmView(id, ApiSlice.NOW, LocalDateTime.of(2026, 11, 26, 11, 59, 58), "c1", "d1", "Press 7",
				"alarm-high", "Door open of Press 7", "key", """
						{"userId":"u7K","createdOn":"2026-11-26T11:59:58","longContent":"Check the vacuum supply.",
						 "extraInfo":{"Device ID":"d1","Device name":"Press 7","Gripper pressure":"0.42 bar",
						 "Cycle count":182734}}""", "10.9.8.7", outcome, ApiSlice.NOW);
	}

}
