package io.videostore.webhook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Tests for {@link NotificationParser}: Cloud Notify bodies as IXON sends them, and the
 * 400 answers for bodies that are not usable, naming the field.
 */
class NotificationParserTests {

	static final Path EXAMPLES = Path.of("src/test/resources/examples");

	final NotificationParser parser = new NotificationParser();

	@Test
	void exampleAlarmIsReadWithAllItsFields() throws IOException {
		CloudNotification n = parse(example("cloud-notify-alarm.json"));

		assertThat(n.createdOn()).isEqualTo(LocalDateTime.of(2026, 11, 26, 12, 26, 24));
		assertThat(n.companyId()).isEqualTo("1111-2222-3333-4444-5555");
		assertThat(n.companyName()).isEqualTo("Example Packaging BV");
		assertThat(n.systemLabel()).isEqualTo("alarm-medium");
		assertThat(n.isAlarm()).isTrue();
		assertThat(n.shortContent())
			.isEqualTo("Gripper pressure low of Line 4 Case Packer was triggered at Nov 26, 2026 12:26 PM UTC");
		assertThat(n.longContent()).isEqualTo("Check the vacuum supply of the gripper and the pick-up cups.");
		assertThat(n.alarmRateLimitTill()).isNull();
		assertThat(n.deviceId()).isEqualTo("ajParmNkfASN");
		assertThat(n.deviceName()).isEqualTo("Line 4 Case Packer");
		assertThat(n.extraInfo()).containsEntry("Gripper pressure", "0.42 bar")
			.containsEntry("Cycle count", "182734")
			.hasSize(4);
	}

	@Test
	void aNulCharacterInADeviceNameBecomesAReplacementCharacterSoPostgresqlCanStoreTheAlarm() {
		CloudNotification n = parse("""
				{"createdOn":"2026-11-26T12:26:24","shortContent":"Door\\u0000 open",
				 "extraInfo":{"Device ID":"d1","Device name":"Press\\u00007"}}""");

		assertThat(n.deviceName()).isEqualTo("Press\uFFFD7");
		assertThat(n.shortContent()).isEqualTo("Door\uFFFD open");
		assertThat(n.payload()).as("JSON escapes it: storable as text").contains("\\u0000").doesNotContain("\u0000");
	}

	@Test
	void theStoredPayloadKeepsEveryFieldAsReceived() throws IOException {
		String payload = parse(example("cloud-notify-alarm.json")).payload();

		assertThat(payload).contains("\"userName\":\"Alarm Webhook\"", "\"userId\":\"u7Kq2mZpX1aB\"",
				"\"alarmRateLimitTill\":null", "\"Cycle count\":\"182734\"");
	}

	@Test
	void aMessageOver8KbIsStoredAsTheFieldsUsedNotInFull() {
		String variables = java.util.stream.IntStream.range(0, 2000)
			.mapToObj((i) -> "\"var" + i + "\":\"" + "v".repeat(20) + "\"")
			.collect(java.util.stream.Collectors.joining(","));
		CloudNotification n = parse("""
				{"createdOn":"2026-11-26T12:26:24","companyId":"c1","shortContent":"%s",
				 "extraInfo":{"Device ID":"d1","Device name":"Press 7",%s}}""".formatted("a".repeat(60_000),
				variables));

		assertThat(n.payload().getBytes(java.nio.charset.StandardCharsets.UTF_8)).hasSizeLessThan(12 * 1024);
		assertThat(n.payload())
			.contains("\"payloadTruncated\":\"the message was ", "\"companyId\":\"c1\"", "\"Device name\":\"Press 7\"",
					"\"createdOn\":\"2026-11-26T12:26:24\"")
			.doesNotContain("var1999");
		assertThat(n.shortContent()).as("the alarm text as matched and stored in its column")
			.hasSize(NotificationParser.MAX_TEXT_CHARS + 1)
			.endsWith("a…");
		assertThat(n.extraInfo()).as("machine variables still reach the matching rules").containsKey("var1999");
	}

	@Test
	void aMessageUpTo8KbIsStoredInFull() {
		String body = "{\"createdOn\":\"2026-11-26T12:26:24\",\"longContent\":\"" + "x".repeat(7_000) + "\"}";

		assertThat(parse(body).payload()).contains("x".repeat(7_000)).doesNotContain("payloadTruncated");
	}

	@Test
	void unknownFieldsAreIgnoredButKeptInThePayload() {
		CloudNotification n = parse("""
				{"createdOn": "2026-11-26T12:26:24", "severity": 3, "newThing": {"a": [1, 2]}, "companyId": "c1"}
				""");

		assertThat(n.companyId()).isEqualTo("c1");
		assertThat(n.payload()).contains("\"severity\":3", "\"newThing\":{\"a\":[1,2]}");
	}

	@Test
	void alarmSentAsAJsonStringIsTheSameAsThePlainOne() throws IOException {
		CloudNotification plain = parse(example("cloud-notify-alarm.json"));
		CloudNotification doubleEncoded = parse(example("cloud-notify-alarm-double-encoded.json"));

		assertThat(doubleEncoded).isEqualTo(plain);
		assertThat(doubleEncoded.payload()).startsWith("{").doesNotContain("\\\"");
	}

	@Test
	void deviceTransferIsReadButIsNotAnAlarm() throws IOException {
		CloudNotification n = parse(example("cloud-notify-not-an-alarm.json"));

		assertThat(n.systemLabel()).isEqualTo("device-transfer");
		assertThat(n.isAlarm()).isFalse();
		assertThat(n.longContent()).isEmpty();
		assertThat(n.deviceName()).isEqualTo("Line 4 Case Packer");
	}

	@Test
	void onlyCreatedOnIsRequired() {
		CloudNotification n = parse("{\"createdOn\": \"2026-11-26T12:26:24\"}");

		assertThat(n.createdOn()).isEqualTo(LocalDateTime.of(2026, 11, 26, 12, 26, 24));
		assertThat(n.companyId()).isNull();
		assertThat(n.systemLabel()).isNull();
		assertThat(n.shortContent()).isNull();
		assertThat(n.extraInfo()).isEmpty();
		assertThat(n.deviceId()).isEmpty();
		assertThat(n.deviceName()).isEmpty();
		assertThat(n.isAlarm()).isTrue();
	}

	@Test
	void nullFieldsCountAsMissing() {
		CloudNotification n = parse("""
				{"createdOn": "2026-11-26T12:26:24", "companyId": null, "systemLabel": null, "extraInfo": null}
				""");

		assertThat(n.companyId()).isNull();
		assertThat(n.systemLabel()).isNull();
		assertThat(n.extraInfo()).isEmpty();
	}

	@ParameterizedTest(name = "{0} is {1} UTC")
	@CsvSource(textBlock = """
			2026-11-26T12:26:24,           2026-11-26T12:26:24
			2026-11-26T12:26:24.250,       2026-11-26T12:26:24.250
			'  2026-11-26T12:26:24  ',     2026-11-26T12:26:24
			2026-11-26T12:26:24Z,          2026-11-26T12:26:24
			2026-11-26T14:26:24+02:00,     2026-11-26T12:26:24
			2026-11-26T20:26:24-08:00,     2026-11-27T04:26:24
			2026-11-27T00:30:00+01:00,     2026-11-26T23:30:00
			""")
	void createdOnIsUtcAndAnExplicitOffsetIsConvertedToUtc(String createdOn, LocalDateTime utc) {
		CloudNotification n = parse("{\"createdOn\": \"" + createdOn + "\"}");

		assertThat(n.createdOn()).isEqualTo(utc);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
			createdOn missing        | {"systemLabel": "alarm-medium"}
			createdOn null           | {"createdOn": null}
			createdOn a number       | {"createdOn": 1764159984}
			createdOn an object      | {"createdOn": {"date": "2026-11-26"}}
			createdOn empty          | {"createdOn": ""}
			createdOn a date only    | {"createdOn": "2026-11-26"}
			createdOn with a space   | {"createdOn": "2026-11-26 12:26:24"}
			createdOn in words       | {"createdOn": "yesterday"}
			createdOn an invalid day | {"createdOn": "2026-02-30T12:26:24"}
			""")
	void unusableCreatedOnIsRefusedNamingCreatedOn(String what, String body) {
		InvalidNotificationException ex = rejection(body);

		assertThat(ex.properties()).as(what).containsEntry("field", "createdOn");
		assertThat(ex.getMessage()).startsWith("createdOn");
	}

	@Test
	void aLongBadCreatedOnIsShortenedInTheMessage() {
		InvalidNotificationException ex = rejection("{\"createdOn\": \"" + "9".repeat(500) + "\"}");

		assertThat(ex.getMessage()).contains("9".repeat(40) + "…").doesNotContain("9".repeat(41));
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "companyId", "companyName", "systemLabel", "shortContent", "longContent", "userName",
			"userId" })
	void aTextFieldOfAnotherTypeIsRefusedNamingTheField(String field) {
		InvalidNotificationException number = rejection(
				"{\"createdOn\": \"2026-11-26T12:26:24\", \"" + field + "\": 42}");
		InvalidNotificationException list = rejection(
				"{\"createdOn\": \"2026-11-26T12:26:24\", \"" + field + "\": [\"a\"]}");

		assertThat(number.properties()).containsEntry("field", field);
		assertThat(number.getMessage()).isEqualTo(field + ": expected a string, got a number");
		assertThat(list.properties()).containsEntry("field", field);
		assertThat(list.getMessage()).isEqualTo(field + ": expected a string, got an array");
	}

	@Test
	void machineVariablesOfAnyScalarTypeBecomeTextAndNullOnesAreLeftOut() {
		CloudNotification n = parse("""
				{"createdOn": "2026-11-26T12:26:24",
				 "extraInfo": {"Device name": "Line 4", "Cycle count": 182734, "Pressure": 0.42,
				               "Running": false, "Operator": null}}
				""");

		assertThat(n.extraInfo()).isEqualTo(
				Map.of("Device name", "Line 4", "Cycle count", "182734", "Pressure", "0.42", "Running", "false"));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
			extraInfo an array         | {"extraInfo": [1]}                                | extraInfo
			extraInfo a string         | {"extraInfo": "Device ID=ajParmNkfASN"}           | extraInfo
			a variable an object       | {"extraInfo": {"Pressure": {"value": 0.42}}}      | extraInfo.Pressure
			a variable an array        | {"extraInfo": {"Alarms": [1, 2]}}                 | extraInfo.Alarms
			Device ID a number         | {"extraInfo": {"Device ID": 12345}}               | extraInfo.Device ID
			Device name a boolean      | {"extraInfo": {"Device name": true}}              | extraInfo.Device name
			alarmRateLimitTill a list  | {"alarmRateLimitTill": ["2026-11-26T12:30:00"]}   | alarmRateLimitTill
			""")
	void unusableExtraInfoIsRefusedNamingTheField(String what, String fields, String field) {
		String body = "{\"createdOn\": \"2026-11-26T12:26:24\", " + fields.substring(1);

		assertThat(rejection(body).properties()).as(what).containsEntry("field", field);
	}

	@Test
	void rateLimitMarkerIsKeptAsSent() {
		assertThat(parse("{\"createdOn\": \"2026-11-26T12:26:24\", \"alarmRateLimitTill\": \"2026-11-26T12:36:24\"}")
			.alarmRateLimitTill()).isEqualTo("2026-11-26T12:36:24");
		assertThat(parse("{\"createdOn\": \"2026-11-26T12:26:24\", \"alarmRateLimitTill\": 1764160584}")
			.alarmRateLimitTill()).isEqualTo("1764160584");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
			an empty body                     | ``
			a body of spaces                  | `   `
			not JSON                          | {"createdOn":
			JSON followed by more JSON        | {"createdOn": "2026-11-26T12:26:24"} {}
			a JSON array                      | [{"createdOn": "2026-11-26T12:26:24"}]
			a number                          | 42
			null                              | null
			a JSON string that is not JSON    | "hello"
			a JSON string holding an array    | "[1, 2]"
			a JSON string holding a string    | "\\"{}\\""
			an empty JSON string              | ""
			""")
	void aBodyThatIsNoJsonObjectIsRefusedNamingTheBody(String what, String body) {
		InvalidNotificationException ex = rejection((body == null) ? "" : body);

		assertThat(ex.properties()).as(what).containsEntry("field", "body");
	}

	@Test
	void refusalsAreBadRequests() {
		InvalidNotificationException ex = rejection("{\"companyId\": \"c1\"}");

		assertThat(ex.status()).isEqualTo(400);
		assertThat(ex.title()).isEqualTo("Invalid Cloud Notify message");
		assertThat(ex.getMessage()).contains("createdOn is missing", "2026-11-26T12:26:24");
	}

	@Test
	void nonAsciiTextIsReadAsUtf8() {
		CloudNotification n = parse("""
				{"createdOn": "2026-11-26T12:26:24", "shortContent": "Druck zu niedrig – Presse Ü3",
				 "extraInfo": {"Device name": "Presse Ü3 (Halle ß)"}}
				""");

		assertThat(n.shortContent()).isEqualTo("Druck zu niedrig – Presse Ü3");
		assertThat(n.deviceName()).isEqualTo("Presse Ü3 (Halle ß)");
	}

	CloudNotification parse(String body) {
		return this.parser.parse(body.getBytes(StandardCharsets.UTF_8));
	}

	InvalidNotificationException rejection(String body) {
		InvalidNotificationException ex = catchThrowableOfType(InvalidNotificationException.class, () -> parse(body));
		assertThat(ex).as("refused: %s", body).isNotNull();
		return ex;
	}

	static String example(String name) throws IOException {
		return Files.readString(EXAMPLES.resolve(name));
	}

}
