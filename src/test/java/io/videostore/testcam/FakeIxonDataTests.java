package io.videostore.testcam;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fake's {@code POST /data} answers as {@code reference/ixon-data.md} describes, for
 * whoever tests against it: an object for an object body, start included and end not,
 * {@code limit}, {@code offset} and {@code order}, and IXON's error shape.
 */
class FakeIxonDataTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");

	private final FakeIxon fake = FakeIxon.start(null);

	FakeIxonDataTests() {
		fake.agent("agentPress01")
			.source("srcPlc000001", "PLC", "plc")
			.variable("srcPlc000001", "varCount0001", 5, "Count", null, "int")
			.tag("srcPlc000001", 3, "count", "interval", "varCount0001")
			.points("count", T0, Duration.ofSeconds(1), 10, (t) -> t.getEpochSecond() - T0.getEpochSecond());
	}

	@AfterEach
	void stop() {
		fake.close();
	}

	@Test
	void anObjectBodyGetsAnObjectWithPointsFromStartUpToButNotIncludingEnd() throws Exception {
		JsonNode answer = post(item("2026-05-01T10:00:02Z", "2026-05-01T10:00:05Z", "{\"ref\":\"c\"}"));

		assertThat(answer.path("status").asString()).isEqualTo("success");
		assertThat(answer.path("data").isObject()).isTrue();
		assertThat(answer.path("data").path("source").path("publicId").asString()).isEqualTo("srcPlc000001");
		assertThat(answer.path("data").path("points").toString()).isEqualTo("[{\"time\":\"2026-05-01T10:00:02Z\","
				+ "\"values\":{\"c\":2}},{\"time\":\"2026-05-01T10:00:03Z\",\"values\":{\"c\":3}},"
				+ "{\"time\":\"2026-05-01T10:00:04Z\",\"values\":{\"c\":4}}]");
	}

	@Test
	void aListBodyGetsAListPagedByLimitOffsetAndOrder() throws Exception {
		String newestTwoAfterOne = item("2026-05-01T10:00:00Z", "2026-05-01T11:00:00Z",
				"{\"ref\":\"c\",\"limit\":2,\"offset\":1,\"order\":\"desc\"}");

		JsonNode answer = post("[" + newestTwoAfterOne + "]");

		assertThat(answer.path("data").isArray()).isTrue();
		assertThat(answer.path("data").path(0).path("points")).extracting((p) -> p.path("values").path("c").asInt())
			.containsExactly(8, 7);
	}

	@Test
	void aLimitOver5000IsRefusedInIxonsErrorShape() throws Exception {
		HttpResponse<String> answer = send(
				"[" + item("2026-05-01T10:00:00Z", "2026-05-01T11:00:00Z", "{\"ref\":\"c\",\"limit\":5001}") + "]");

		assertThat(answer.statusCode()).isEqualTo(400);
		JsonNode body = JSON.readTree(answer.body());
		assertThat(body.path("status").asString()).isEqualTo("error");
		assertThat(body.path("data").path(0).path("propertyName").asString()).isEqualTo("[0].tags[0].queries[0].limit");
	}

	private static String item(String start, String end, String query) {
		return "{\"source\":{\"publicId\":\"srcPlc000001\"},\"start\":\"" + start + "\",\"end\":\"" + end
				+ "\",\"timeZone\":\"UTC\",\"tags\":[{\"id\":3,\"preAggr\":\"raw\",\"queries\":[" + query + "]}]}";
	}

	private JsonNode post(String body) throws Exception {
		HttpResponse<String> answer = send(body);
		assertThat(answer.statusCode()).isEqualTo(201);
		return JSON.readTree(answer.body());
	}

	private HttpResponse<String> send(String body) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(fake.baseUrl() + "data"))
			.header("Api-Version", "2")
			.header("Api-Application", FakeIxon.APPLICATION)
			.header("Api-Company", FakeIxon.COMPANY)
			.header("Authorization", "Bearer " + FakeIxon.SERVICE_ACCOUNT_TOKEN)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
	}

}
