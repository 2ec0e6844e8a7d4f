package io.videostore.api.stats;

import java.time.Instant;
import java.util.List;

import io.videostore.api.ApiSlice;
import io.videostore.clips.search.AlarmFilter;
import io.videostore.clips.search.AlarmStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * What {@code /api/stats} answers, with the database's UTC counts mocked: they fold into
 * the viewer's days, hours and weekdays, texts are counted without IXON's moment, and a
 * bad zone, bucket or range is a 400 naming it.
 */
@WebMvcTest(StatsController.class)
@Import(ApiSlice.class)
class StatsControllerTests {

	@Autowired
	MockMvc mvc;

	@MockitoBean
	AlarmStats stats;

	@Test
	void theTimelineCountsEachDeviceInTheViewersDays() throws Exception {
		given(this.stats.counts(any(), eq(true), eq(60)))
			.willReturn(List.of(new AlarmStats.Count(Instant.parse("2026-11-24T22:00:00Z"), "Press 7", 2),
					new AlarmStats.Count(Instant.parse("2026-11-24T23:00:00Z"), "Press 7", 3),
					new AlarmStats.Count(Instant.parse("2026-11-25T10:00:00Z"), "Oven", 1)));

		this.mvc
			.perform(get("/api/stats/timeline").param("from", "2026-11-24T00:00:00+01:00")
				.param("to", "2026-11-26T00:00:00+01:00")
				.param("zone", "Europe/Amsterdam"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.bucket").value("day"))
			.andExpect(jsonPath("$.zone").value("Europe/Amsterdam"))
			.andExpect(jsonPath("$.labels[0]").value("2026-11-24"))
			.andExpect(jsonPath("$.labels[1]").value("2026-11-25"))
			.andExpect(jsonPath("$.starts[1]").value("2026-11-24T23:00:00Z"))
			.andExpect(jsonPath("$.series[0].device").value("Oven"))
			.andExpect(jsonPath("$.series[0].counts[1]").value(1))
			.andExpect(jsonPath("$.series[1].device").value("Press 7"))
			.andExpect(jsonPath("$.series[1].counts[0]").value(2))
			.andExpect(jsonPath("$.series[1].counts[1]").value(3))
			.andExpect(jsonPath("$.total").value(6));
	}

	@Test
	void theTimelinePassesTheListsFiltersAndDefaultsToTheLast30Days() throws Exception {
		this.mvc.perform(get("/api/stats/timeline").param("device", "Press 7").param("outcome", "failed"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.labels.length()").value(31));

		ArgumentCaptor<AlarmFilter> filter = ArgumentCaptor.forClass(AlarmFilter.class);
		verify(this.stats).counts(filter.capture(), eq(true), eq(60));
		assertThat(filter.getValue().device()).isEqualTo("Press 7");
		assertThat(filter.getValue().to()).isEqualTo(ApiSlice.NOW);
		assertThat(filter.getValue().from()).isEqualTo(Instant.parse("2026-10-27T12:00:00Z"));
	}

	@Test
	void hourBucketsInAHalfHourZoneAreFoldedFromHalfHours() throws Exception {
		given(this.stats.counts(any(), eq(true), eq(30)))
			.willReturn(List.of(new AlarmStats.Count(Instant.parse("2026-11-26T03:30:00Z"), "Press 7", 1),
					new AlarmStats.Count(Instant.parse("2026-11-26T04:00:00Z"), "Press 7", 2),
					new AlarmStats.Count(Instant.parse("2026-11-26T04:30:00Z"), "Press 7", 4)));

		this.mvc
			.perform(get("/api/stats/timeline").param("bucket", "hour")
				.param("from", "2026-11-26T09:00:00+05:30")
				.param("to", "2026-11-26T11:00:00+05:30")
				.param("zone", "Asia/Kolkata"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.labels[0]").value("2026-11-26T09:00"))
			.andExpect(jsonPath("$.series[0].counts[0]").value(3))
			.andExpect(jsonPath("$.series[0].counts[1]").value(4));
	}

	@ParameterizedTest
	@CsvSource({ "UTC,60", "Europe/Amsterdam,60", "Asia/Kolkata,30", "Asia/Kathmandu,15", "Australia/Lord_Howe,30",
			"America/St_Johns,30" })
	void theDatabaseCountsBucketsThatFitTheZonesOffsets(String zone, int minutes) {
		assertThat(TimeBuckets.utcMinutes(java.time.ZoneId.of(zone), Instant.parse("2026-01-01T00:00:00Z"),
				Instant.parse("2027-01-01T00:00:00Z")))
			.isEqualTo(minutes);
	}

	@Test
	void theHeatmapCountsWeekdayAndHourInTheViewersZone() throws Exception {
		// Thursday 2026-11-26 23:30 UTC is Friday 00:30 in Amsterdam.
		given(this.stats.counts(any(), eq(false), eq(60)))
			.willReturn(List.of(new AlarmStats.Count(Instant.parse("2026-11-26T23:00:00Z"), "", 5),
					new AlarmStats.Count(Instant.parse("2026-11-23T08:00:00Z"), "", 2)));

		this.mvc.perform(get("/api/stats/heatmap").param("zone", "Europe/Amsterdam"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.weekdays[0]").value("MONDAY"))
			.andExpect(jsonPath("$.counts[4][0]").value(5))
			.andExpect(jsonPath("$.counts[0][9]").value(2))
			.andExpect(jsonPath("$.max").value(5))
			.andExpect(jsonPath("$.total").value(7));
	}

	@Test
	void textsAreCountedWithoutTheMomentInThem() throws Exception {
		given(this.stats.texts(any(), anyInt())).willReturn(List.of(
				new AlarmStats.TextCount("Press 7", "Door open of Press 7 was triggered at Nov 26, 2026 12:26 PM UTC",
						5, Instant.parse("2026-11-26T12:26:00Z")),
				new AlarmStats.TextCount("Press 7", "Low oil", 7, Instant.parse("2026-11-25T12:00:00Z"))));

		this.mvc.perform(get("/api/stats/texts"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[0].text").value("Low oil"))
			.andExpect(jsonPath("$[0].count").value(7))
			.andExpect(jsonPath("$[1].text").value("Door open of Press 7 was triggered"))
			.andExpect(jsonPath("$[1].devices['Press 7']").value(5));
	}

	@ParameterizedTest(name = "{0} {1}={2}")
	@CsvSource({ "heatmap,zone,Mars/Olympus", "heatmap,zone,'../../etc/localtime'", "timeline,bucket,week",
			"timeline,zone,+99:00", "texts,limit,0", "texts,limit,101", "timeline,from,2030-01-01",
			"heatmap,to,last week" })
	void aBadValueIs400NamingIt(String endpoint, String parameter, String value) throws Exception {
		this.mvc.perform(get("/api/stats/" + endpoint).param(parameter, value))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.parameter").value(parameter));
	}

	@Test
	void tooManyHoursIs400NamingFrom() throws Exception {
		this.mvc.perform(get("/api/stats/timeline").param("bucket", "hour").param("from", "2025-01-01"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.parameter").value("from"));
		verify(this.stats, org.mockito.Mockito.never()).counts(any(), anyBoolean(), anyInt());
	}

}
