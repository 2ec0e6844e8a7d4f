package io.videostore.context;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

import io.videostore.clips.AlarmView;
import io.videostore.config.IxonApiConfig;
import io.videostore.ixon.IxonClient;
import io.videostore.ixon.data.DataPoint;
import io.videostore.ixon.data.IxonDataClient;
import io.videostore.testcam.FakeIxon;
import io.videostore.testcam.FakeIxonAgentData.Point;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An alarm's exact time and signals read from the fake IXON, as the reference describes
 * IXON: the occurrence found, not found, or ambiguous; tags chosen by the camera, by the
 * alarm's formula, or all; tags addressed by slug or by tagId; the value in force before
 * the window for on-change tags.
 */
class IxonLoggedDataTests {

	private static final String AGENT = "agentPress01";

	/** Cloud Notify's createdOn: 10:00:30 UTC. */
	private static final LocalDateTime CREATED_ON = LocalDateTime.of(2026, 5, 1, 10, 0, 30);

	private static final Instant FROM = Instant.parse("2026-05-01T10:00:15Z");

	private static final Instant TO = Instant.parse("2026-05-01T10:00:40Z");

	private final FakeIxon fake = FakeIxon.start(null);

	private final IxonClient client = IxonClient.create(
			new IxonApiConfig(FakeIxon.APPLICATION, FakeIxon.EMAIL, FakeIxon.PASSWORD, "", "", this.fake.baseUrl()));

	private final IxonLoggedData data;

	IxonLoggedDataTests() {
		Clock later = Clock.fixed(Instant.parse("2026-05-01T11:00:00Z"), ZoneOffset.UTC);
		IxonDataClient dataClient = new IxonDataClient(this.client);
		this.data = new IxonLoggedData(dataClient, new TagCatalog(this.client, dataClient, later), FakeIxon.COMPANY, 12,
				later);
		this.fake.agent(AGENT)
			.source("plc000000001", "Line PLC", "plc")
			.variable("plc000000001", "var000000101", 101, "Gripper pressure", "bar", "float")
			.variable("plc000000001", "var000000102", 102, "Door open", null, "bool")
			.variable("plc000000001", "var000000103", 103, "Cycle count", null, "int")
			.tag("plc000000001", 1, "gripper-pressure", "interval", "var000000101")
			.tag("plc000000001", 2, "door-open", "change", "var000000102")
			.tag("plc000000001", 3, "", "interval", "var000000103")
			.alarm("alm000000001", "Gripper pressure low", "plc000000001", "$101 0.5 <")
			.points("gripper-pressure", Instant.parse("2026-05-01T09:00:00Z"), Duration.ofSeconds(1), 7200,
					(t) -> 1.0 - (t.getEpochSecond() % 60) / 100.0)
			.points("door-open",
					List.of(Point.point(Instant.parse("2026-05-01T09:58:00Z"), true),
							Point.point(Instant.parse("2026-05-01T10:00:33Z"), false)))
			.points("", Instant.parse("2026-05-01T09:00:00Z"), Duration.ofSeconds(5), 7200,
					(t) -> t.getEpochSecond() / 5);
	}

	@AfterEach
	void close() {
		this.fake.close();
	}

	@Test
	void theOccurrenceOfTheAlarmsNameJustBeforeCreatedOnIsItsExactTime() {
		this.fake.agent(AGENT)
			.occurrence("Gripper pressure low", Instant.parse("2026-05-01T09:51:00Z"))
			.occurrence("Door open too long", Instant.parse("2026-05-01T10:00:29Z"))
			.occurrence("Gripper pressure low", Instant.parse("2026-05-01T10:00:26.400Z"));

		Anchor anchor = this.data.anchor(alarm("Gripper pressure low of Press 1 was triggered"));

		assertThat(anchor.occurredOn()).isEqualTo(Instant.parse("2026-05-01T10:00:26.400Z"));
		assertThat(anchor.note()).contains("Cloud Notify's createdOn was 3.6 s later");
	}

	@Test
	void withoutAnOccurrenceOfThatAlarmCreatedOnStays() {
		this.fake.agent(AGENT).occurrence("Door open too long", Instant.parse("2026-05-01T10:00:29Z"));

		Anchor anchor = this.data.anchor(alarm("Gripper pressure low of Press 1 was triggered"));

		assertThat(anchor.occurredOn()).isNull();
		assertThat(anchor.note()).contains("no occurrence of 'Gripper pressure low'");
	}

	@Test
	void twoOccurrencesCloseTogetherCannotBeToldApartSoCreatedOnStays() {
		this.fake.agent(AGENT)
			.occurrence("Gripper pressure low", Instant.parse("2026-05-01T10:00:05Z"))
			.occurrence("Gripper pressure low", Instant.parse("2026-05-01T10:00:27Z"));

		Anchor anchor = this.data.anchor(alarm("Gripper pressure low of Press 1 was triggered"));

		assertThat(anchor.occurredOn()).isNull();
		assertThat(anchor.note()).contains("2 occurrences").contains("cannot be told");
	}

	@Test
	void theAlarmsFormulaChoosesItsTagsWhenTheCameraNamesNone() {
		Signals signals = this.data.fetch(alarm("Gripper pressure low of Press 1 was triggered"), List.of(), FROM, TO);

		assertThat(signals.series()).extracting(Series::slug).containsExactly("gripper-pressure");
		Series pressure = signals.series().get(0);
		assertThat(pressure.unit()).isEqualTo("bar");
		assertThat(pressure.source()).isEqualTo("Line PLC");
		assertThat(pressure.points()).hasSize(25);
		assertThat(pressure.points().get(0).time()).isEqualTo(FROM);
		assertThat(signals.problems()).isEmpty();
	}

	@Test
	void anOnChangeTagStartsWithTheValueInForceWhenTheWindowStarts() {
		Signals signals = this.data.fetch(alarm("Gripper pressure low of Press 1 was triggered"), List.of("door-open"),
				FROM, TO);

		Series door = signals.series().get(0);
		assertThat(door.step()).isTrue();
		assertThat(door.points()).containsExactly(new DataPoint(FROM, true),
				new DataPoint(Instant.parse("2026-05-01T10:00:33Z"), false));
	}

	@Test
	void aTagWithoutSlugIsAskedForByTagIdAndAMissingTagIsNamed() {
		Signals signals = this.data.fetch(alarm("Something else of Press 1 was triggered"), List.of(), FROM, TO);

		assertThat(signals.series()).extracting(Series::tag)
			.as("no formula: all logged tags")
			.containsExactly("Cycle count", "Door open", "Gripper pressure");
		assertThat(signals.series().get(0).points()).hasSize(5);

		Signals missing = this.data.fetch(alarm("Something else of Press 1 was triggered"),
				List.of("gripper-pressure", "spindle-speed"), FROM, TO);
		assertThat(missing.series()).extracting(Series::slug).containsExactly("gripper-pressure");
		assertThat(missing.problems())
			.containsExactly("tag 'spindle-speed' (context.tags) is not logged on agent 'Press 1'");
	}

	@Test
	void anAgentIxonDoesNotKnowIsSaid() {
		AlarmView unknown = new AlarmView(1, Instant.now(), CREATED_ON, FakeIxon.COMPANY, "agentNobody", "Nobody",
				"alarm-high", "Door open of Nobody was triggered", "k", "{}", "127.0.0.1", "accepted", null);

		assertThat(this.data.anchor(unknown).note()).contains("no IXON agent with the alarm's Device ID 'agentNobody'");
		assertThat(this.data.fetch(unknown, List.of(), FROM, TO).series()).isEmpty();
	}

	private static AlarmView alarm(String text) {
		return new AlarmView(1, Instant.now(), CREATED_ON, FakeIxon.COMPANY, AGENT, "Press 1", "alarm-high", text, "k",
				"{}", "127.0.0.1", "accepted", null);
	}

}
