package io.videostore.ixon.data;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.videostore.ixon.IxonClient;
import io.videostore.ixon.IxonException;
import io.videostore.ixon.IxonFixtures;
import io.videostore.testcam.FakeIxon;
import io.videostore.testcam.FakeIxon.Fault;
import io.videostore.testcam.FakeIxon.FilterPolicy;
import io.videostore.testcam.FakeIxonAgentData.Point;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The IXON data client against the fake API v2: an agent's data sources, tags, variables,
 * alarms and alarm occurrences, and logged points from {@code POST /data} with paging,
 * retries and IXON's error answers.
 */
class IxonDataClientTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String AGENT = "agentPress01";

	private static final String PLC = "srcPlc000001";

	private static final String METER = "srcMeter0002";

	private static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");

	private final FakeIxon fake = FakeIxon.start(null);

	// A longer call timeout than IxonFixtures.FAST: a page of 5000 points may take a
	// moment on a busy machine.
	private final IxonClient ixon = new IxonClient(IxonFixtures.password(fake),
			IxonFixtures.FAST.withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(10)));

	private final IxonDataClient client = new IxonDataClient(ixon);

	IxonDataClientTests() {
		fake.agent(AGENT)
			.source(PLC, "PLC", "plc")
			.source(METER, "Energy meter", "meter")
			.variable(PLC, "varTemp00001", 101, "Temperature", "°C", "float")
			.variable(PLC, "varRun000002", 102, "Running", null, "bool")
			.variable(METER, "varPower0003", 201, "Power", "kW", "float")
			.tag(PLC, 7, "temperature", "interval", "varTemp00001")
			.tag(PLC, 8, "running", "change", "varRun000002")
			.tag(METER, 9, "power", "interval", "varPower0003")
			.alarm("alrmHot00001", "Too hot", PLC, "$101 80 >")
			.alarm("alrmStop0002", "Stopped", PLC, "$102 !");
	}

	@AfterEach
	void stop() {
		fake.close();
	}

	@Test
	void listsTheAgentsSourcesTagsVariablesAndAlarmsAcrossPages() {
		List<DataSource> sources = client.sources(FakeIxon.COMPANY, AGENT);
		List<DataTag> tags = client.tags(FakeIxon.COMPANY, AGENT);
		List<DataVariable> variables = client.variables(FakeIxon.COMPANY, AGENT);
		List<DataAlarm> alarms = client.alarms(FakeIxon.COMPANY, AGENT);

		assertThat(sources).containsExactly(new DataSource(PLC, "PLC", "plc"),
				new DataSource(METER, "Energy meter", "meter"));
		assertThat(tags).containsExactly(
				new DataTag("tag000000007", 7, "Temperature", "temperature", PLC, "interval", "varTemp00001",
						"Temperature", "°C", "float"),
				new DataTag("tag000000008", 8, "Running", "running", PLC, "change", "varRun000002", "Running", "",
						"bool"),
				new DataTag("tag000000009", 9, "Power", "power", METER, "interval", "varPower0003", "Power", "kW",
						"float"));
		assertThat(variables).extracting(DataVariable::variableId).containsExactly(101L, 102L, 201L);
		assertThat(variables.get(0)).isEqualTo(new DataVariable("varTemp00001", 101, "Temperature", "temperature"));
		assertThat(alarms).containsExactly(new DataAlarm("alrmHot00001", "Too hot", PLC, "$101 80 >"),
				new DataAlarm("alrmStop0002", "Stopped", PLC, "$102 !"));
		List<LoggedRequest> tagPages = fake.journal("/api/agents/" + AGENT + "/data-tags");
		assertThat(tagPages).hasSize(2);
		assertThat(tagPages.get(0).queryParameter("fields").firstValue())
			.isEqualTo("publicId,tagId,name,slug,source.publicId,logEvent,"
					+ "variable.publicId,variable.name,variable.unit,variable.type");
		assertThat(tagPages.get(1).queryParameter("page-after").firstValue()).isEqualTo("tag000000008");
		assertThat(tagPages).allSatisfy((r) -> assertThat(r.getHeader("Api-Company")).isEqualTo(FakeIxon.COMPANY));
	}

	@Test
	void itemsWithFieldsLeftOutReadAsEmptyValues() {
		fake.agent(AGENT)
			.raw("data-tags", Map.of("publicId", "tagBare00001"))
			.raw("data-tags",
					Map.of("publicId", "tagOdd000002", "tagId", "12", "source", Map.of(), "variable",
							Map.of("name", "Speed")))
			.raw("data-variables", Map.of("variableId", 3.0))
			.raw("data-alarms", Map.of("name", "No formula"))
			.raw("alarm-occurrences", Map.of("occurredOn", "2026-05-01T10:00:05Z"));

		List<DataTag> tags = client.tags(FakeIxon.COMPANY, AGENT);
		List<DataVariable> variables = client.variables(FakeIxon.COMPANY, AGENT);
		List<DataAlarm> alarms = client.alarms(FakeIxon.COMPANY, AGENT);
		List<AlarmOccurrence> occurrences = client.occurrences(FakeIxon.COMPANY, AGENT, T0, T0.plusSeconds(60));

		assertThat(tags).hasSize(5)
			.contains(new DataTag("tagBare00001", 0, "", "", "", "", "", "", "", ""),
					new DataTag("tagOdd000002", 12, "", "", "", "", "", "Speed", "", ""));
		assertThat(variables).last().isEqualTo(new DataVariable("", 3, "", ""));
		assertThat(alarms).last().isEqualTo(new DataAlarm("", "No formula", "", ""));
		assertThat(occurrences).containsExactly(new AlarmOccurrence(T0.plusSeconds(5), "", ""));
	}

	@Test
	void occurrencesAreThoseInTheWindowOldestFirstThoughIxonIgnoresTheDateFilter() {
		fake.agent(AGENT)
			.occurrence("Too hot", T0.plusSeconds(90))
			.occurrence("Too hot", T0.minusMillis(1))
			.occurrence("Stopped", "2026-05-01T10:00:30.250Z")
			.occurrence("Too hot", "2026-05-01T12:00:10+02:00")
			.occurrence("Stopped", "2026-05-01T10:00:00")
			.occurrence("Too hot", "2026-05-01T10:01:00.000+0000")
			.occurrence("Unknown", "not a date");

		List<AlarmOccurrence> found = client.occurrences(FakeIxon.COMPANY, AGENT, T0, T0.plusSeconds(60));

		assertThat(found).containsExactly(new AlarmOccurrence(T0, "alrmStop0002", "Stopped"),
				new AlarmOccurrence(T0.plusSeconds(10), "alrmHot00001", "Too hot"),
				new AlarmOccurrence(Instant.parse("2026-05-01T10:00:30.250Z"), "alrmStop0002", "Stopped"),
				new AlarmOccurrence(T0.plusSeconds(60), "alrmHot00001", "Too hot"));
		LoggedRequest first = fake.journal("/api/agents/" + AGENT + "/alarm-occurrences").get(0);
		assertThat(first.queryParameter("filters").firstValue())
			.isEqualTo("between(occurredOn,\"2026-05-01T10:00:00Z\",\"2026-05-01T10:01:01Z\")");
		assertThat(first.queryParameter("fields").firstValue()).isEqualTo("occurredOn,alarm.publicId,alarm.name");
	}

	@Test
	void occurrencesAreFoundWhenIxonHonoursTheDateFilter() {
		fake.filters(FilterPolicy.HONOURED)
			.agent(AGENT)
			.occurrence("Too hot", T0.minusSeconds(3600))
			.occurrence("Too hot", T0.plusSeconds(20))
			.occurrence("Stopped", T0.plusSeconds(3600));

		List<AlarmOccurrence> found = client.occurrences(FakeIxon.COMPANY, AGENT, T0, T0.plusSeconds(60));

		assertThat(found).containsExactly(new AlarmOccurrence(T0.plusSeconds(20), "alrmHot00001", "Too hot"));
	}

	@Test
	void aRefusedDateFilterIsLeftOutFromThenOnAndTheWindowStillApplies() {
		fake.filters(FilterPolicy.REJECTED)
			.agent(AGENT)
			.occurrence("Too hot", T0.minusSeconds(3600))
			.occurrence("Too hot", T0.plusSeconds(20));

		List<AlarmOccurrence> first = client.occurrences(FakeIxon.COMPANY, AGENT, T0, T0.plusSeconds(60));
		List<AlarmOccurrence> second = client.occurrences(FakeIxon.COMPANY, AGENT, T0.minusSeconds(3600), T0);

		assertThat(first).extracting(AlarmOccurrence::occurredOn).containsExactly(T0.plusSeconds(20));
		assertThat(second).extracting(AlarmOccurrence::occurredOn).containsExactly(T0.minusSeconds(3600));
		List<LoggedRequest> calls = fake.journal("/api/agents/" + AGENT + "/alarm-occurrences");
		assertThat(calls).extracting((r) -> r.queryParameter("filters").isPresent())
			.containsExactly(true, false, false);
	}

	@Test
	void aRelMissingFromDiscoveryFailsNamingIt() {
		fake.withoutLink("AgentDataAlarmOccurrenceList");

		IxonException ex = catchThrowableOfType(IxonException.class,
				() -> client.occurrences(FakeIxon.COMPANY, AGENT, T0, T0.plusSeconds(60)));

		assertThat(ex.kind()).isEqualTo(IxonException.Kind.PROTOCOL);
		assertThat(ex.getMessage()).contains("lists no link AgentDataAlarmOccurrenceList");
		assertThat(client.tags(FakeIxon.COMPANY, AGENT)).hasSize(3);
	}

	@Test
	void dataIsAskedForInOneListBodyInWholeUtcSecondsWithRawTagsAndRefs() {
		fake.agent(AGENT)
			.points("temperature", T0.minusSeconds(30), Duration.ofSeconds(10), 100, (t) -> 20.5)
			.points("running", List.of(Point.point(T0.minusSeconds(200), true), Point.point(T0.plusSeconds(5), false)))
			.points("power", T0, Duration.ofSeconds(15), 100, (t) -> 7L);
		Instant start = T0.minusMillis(29_300);
		Instant end = T0.plusMillis(30_200);
		DataRequest plc = new DataRequest(PLC, start, end,
				List.of(new DataRequest.Tag("temperature", null, "temp"), new DataRequest.Tag(null, 8L, "run")), 5000,
				0, false);
		DataRequest meter = new DataRequest(METER, start, end, List.of(new DataRequest.Tag("power", null, "kw")), 5000,
				0, false);

		List<DataResult> results = client.data(FakeIxon.COMPANY, List.of(plc, meter));

		assertThat(fake.journal("/api/data")).singleElement().satisfies((r) -> {
			assertThat(r.getHeader("Api-Company")).isEqualTo(FakeIxon.COMPANY);
			assertThat(JSON.readTree(r.getBodyAsString())).isEqualTo(JSON.readTree(
					"""
							[{"source":{"publicId":"srcPlc000001"},"start":"2026-05-01T09:59:30Z","end":"2026-05-01T10:00:31Z",
							  "timeZone":"UTC","tags":[
							    {"slug":"temperature","preAggr":"raw","queries":[{"ref":"temp","limit":5000,"offset":0,"order":"asc"}]},
							    {"id":8,"preAggr":"raw","queries":[{"ref":"run","limit":5000,"offset":0,"order":"asc"}]}]},
							 {"source":{"publicId":"srcMeter0002"},"start":"2026-05-01T09:59:30Z","end":"2026-05-01T10:00:31Z",
							  "timeZone":"UTC","tags":[
							    {"slug":"power","preAggr":"raw","queries":[{"ref":"kw","limit":5000,"offset":0,"order":"asc"}]}]}]
							"""));
		});
		assertThat(results).extracting(DataResult::request).containsExactly(plc, meter);
		assertThat(results.get(0).points().get("temp")).extracting(DataPoint::time)
			.containsExactly(T0.minusSeconds(30), T0.minusSeconds(20), T0.minusSeconds(10), T0, T0.plusSeconds(10),
					T0.plusSeconds(20), T0.plusSeconds(30));
		assertThat(results.get(0).points().get("run")).containsExactly(new DataPoint(T0.plusSeconds(5), false));
		assertThat(results.get(1).points().get("kw")).containsExactly(new DataPoint(T0, 7L),
				new DataPoint(T0.plusSeconds(15), 7L), new DataPoint(T0.plusSeconds(30), 7L));
	}

	@Test
	void aTagGivesTheSamePointsByTagIdAsBySlug() {
		fake.agent(AGENT).points("temperature", T0, Duration.ofSeconds(1), 10, (t) -> (double) t.getEpochSecond());

		List<DataResult> results = client.data(FakeIxon.COMPANY, List
			.of(window(new DataRequest.Tag("temperature", null, "bySlug"), new DataRequest.Tag(null, 7L, "byId"))));

		assertThat(results.get(0).points().get("bySlug")).hasSize(10).isEqualTo(results.get(0).points().get("byId"));
	}

	@Test
	void valuesComeAsNumbersBooleansTextOrNull() {
		fake.agent(AGENT)
			.points("temperature",
					List.of(Point.point(T0, 1.5), Point.point(T0.plusSeconds(1), 42L),
							Point.point(T0.plusSeconds(2), true), Point.point(T0.plusSeconds(3), "jammed"),
							Point.point(T0.plusSeconds(4), null)));

		List<DataPoint> points = client
			.data(FakeIxon.COMPANY, List.of(window(new DataRequest.Tag("temperature", null, "t"))))
			.get(0)
			.points()
			.get("t");

		assertThat(points).extracting(DataPoint::value).containsExactly(1.5, 42L, true, "jammed", null);
	}

	@Test
	void anObjectInsteadOfAListInTheAnswerIsReadAsTheAnswerToTheOnlyRequest() {
		fake.oneItemAsObject(true).dataStatus(200);
		fake.agent(AGENT).points("power", T0, Duration.ofSeconds(1), 5, (t) -> 3.25);

		List<DataResult> results = client.data(FakeIxon.COMPANY, List.of(new DataRequest(METER, T0, T0.plusSeconds(60),
				List.of(new DataRequest.Tag("power", null, "p")), 5000, 0, false)));

		assertThat(results).singleElement()
			.satisfies((r) -> assertThat(r.points().get("p")).hasSize(5).allMatch((p) -> p.value().equals(3.25)));
	}

	@Test
	void moreThanAPageOfPointsArrivesInPagesAllInOrderNoneTwice() {
		fake.agent(AGENT)
			.points("temperature", T0, Duration.ofSeconds(1), 12_345, (t) -> (double) (t.getEpochSecond() % 1000))
			.points("running", List.of(Point.point(T0.plusSeconds(60), true)));
		DataRequest request = new DataRequest(PLC, T0, T0.plus(Duration.ofHours(4)),
				List.of(new DataRequest.Tag("temperature", null, "temp"), new DataRequest.Tag("running", null, "run")),
				DataRequest.MAX_LIMIT, 0, false);

		DataResult result = client.data(FakeIxon.COMPANY, List.of(request)).get(0);

		List<DataPoint> temp = result.points().get("temp");
		assertThat(temp).hasSize(12_345);
		assertThat(temp.get(0).time()).isEqualTo(T0);
		assertThat(temp.get(12_344).time()).isEqualTo(T0.plusSeconds(12_344));
		for (int i = 1; i < temp.size(); i++) {
			assertThat(temp.get(i).time()).isEqualTo(temp.get(i - 1).time().plusSeconds(1));
		}
		assertThat(result.points().get("run")).hasSize(1);
		List<JsonNode> bodies = fake.journal("/api/data")
			.stream()
			.map((r) -> JSON.readTree(r.getBodyAsString()))
			.toList();
		assertThat(bodies).hasSize(3);
		assertThat(bodies).extracting((b) -> b.path(0).path("tags").size()).containsExactly(2, 1, 1);
		assertThat(bodies)
			.extracting((b) -> b.path(0).path("tags").path(0).path("queries").path(0).path("offset").asInt())
			.containsExactly(0, 5000, 10_000);
	}

	@Test
	void pagingStopsAfterFortyPagesAndKeepsWhatCame() {
		fake.agent(AGENT).points("temperature", T0, Duration.ofSeconds(1), 1000, (t) -> 1L);
		DataRequest request = new DataRequest(PLC, T0, T0.plusSeconds(1000),
				List.of(new DataRequest.Tag("temperature", null, "temp")), 2, 0, false);

		DataResult result = client.data(FakeIxon.COMPANY, List.of(request)).get(0);

		assertThat(result.points().get("temp")).hasSize(80);
		assertThat(fake.requests("/api/data")).isEqualTo(40);
	}

	@Test
	void theValueBeforeTheWindowIsOnePointNewestFirstWithoutPaging() {
		fake.agent(AGENT)
			.points("running", List.of(Point.point(T0.minusSeconds(500), false),
					Point.point(T0.minusSeconds(100), true), Point.point(T0, false)));
		DataRequest before = new DataRequest(PLC, Instant.parse("2000-01-01T00:00:00Z"), T0,
				List.of(new DataRequest.Tag("running", null, "run")), 1, 0, true);

		DataResult result = client.data(FakeIxon.COMPANY, List.of(before)).get(0);

		assertThat(result.points().get("run")).containsExactly(new DataPoint(T0.minusSeconds(100), true));
		assertThat(fake.journal("/api/data")).singleElement()
			.satisfies((r) -> assertThat(r.getBodyAsString()).contains("\"limit\":1", "\"order\":\"desc\""));
	}

	@Test
	void tooManyRequestsIsWaitedOutAndTheDataStillArrives() {
		fake.agent(AGENT).points("temperature", T0, Duration.ofSeconds(1), 30, (t) -> 1.0);
		fake.failNext("/api/data", Fault.tooManyRequests(1));

		List<DataResult> results = client.data(FakeIxon.COMPANY,
				List.of(window(new DataRequest.Tag("temperature", null, "temp"))));

		assertThat(results.get(0).points().get("temp")).hasSize(30);
		assertThat(fake.requests("/api/data")).isEqualTo(2);
	}

	@Test
	void aRejectedDataRequestSaysWhatIxonObjectedToWithoutCredentials() {
		DataRequest tooMany = new DataRequest(PLC, T0, T0.plusSeconds(60),
				List.of(new DataRequest.Tag("temperature", null, "temp")), 6000, 0, false);

		IxonException ex = catchThrowableOfType(IxonException.class,
				() -> client.data(FakeIxon.COMPANY, List.of(tooMany)));

		assertThat(ex.status()).isEqualTo(400);
		assertThat(ex.kind()).isEqualTo(IxonException.Kind.REJECTED);
		assertThat(ex.getMessage()).contains("IXON logged data", "HTTP 400", "Must be between 1 and 5000",
				"[0].tags[0].queries[0].limit");
		assertThat(ex.getMessage()).doesNotContain(FakeIxon.PASSWORD);
		assertThat(fake.mintedTokens()).isNotEmpty().allSatisfy((t) -> assertThat(ex.getMessage()).doesNotContain(t));
	}

	@Test
	void anUnknownTagSaysWhichOne() {
		IxonException ex = catchThrowableOfType(IxonException.class, () -> client.data(FakeIxon.COMPANY, List
			.of(window(new DataRequest.Tag("temperature", null, "t"), new DataRequest.Tag("nope", null, "n")))));

		assertThat(ex.status()).isEqualTo(404);
		assertThat(ex.getMessage()).contains("tags[1].slug");
	}

	@Test
	void aRequestWithoutSlugOrTagIdIsRefusedBeforeCallingIxon() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> client.data(FakeIxon.COMPANY, List.of(window(new DataRequest.Tag(null, null, "t")))));
		assertThat(client.data(FakeIxon.COMPANY, List.of())).isEmpty();
		assertThat(fake.requests()).isZero();
	}

	private static DataRequest window(DataRequest.Tag... tags) {
		return new DataRequest(PLC, T0.minusSeconds(30), T0.plusSeconds(30), List.of(tags), DataRequest.MAX_LIMIT, 0,
				false);
	}

}
