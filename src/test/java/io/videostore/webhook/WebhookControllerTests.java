package io.videostore.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.videostore.config.AppConfig;
import io.videostore.config.CameraConfig;
import io.videostore.config.IxonApiConfig;
import io.videostore.config.VideoConfig;
import io.videostore.config.WebhooksConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * What {@code POST /webhook} answers, with the intake behind it mocked: a specific
 * problem+json for every unusable body (never a 500 or a stack trace), and the intake's
 * verdict passed on as status, body and Retry-After. The secret is checked before the
 * controller, in the security chain (security.DoorsIntegrationTests).
 */
@WebMvcTest(WebhookController.class)
class WebhookControllerTests {

	static final String SECRET = "a-long-random-webhook-secret-0123456789";

	static final String ALARM = """
			{"companyId":"1111-2222-3333-4444-5555","createdOn":"2026-11-26T12:26:24","systemLabel":"alarm-high",
			 "shortContent":"Door open of Press 7 was triggered","extraInfo":{"Device ID":"d1","Device name":"Press 7"}}""";

	@Autowired
	MockMvc mvc;

	@Autowired
	MeterRegistry metrics;

	@MockitoBean
	AlarmIntake intake;

	@TestConfiguration
	static class Config {

		@Bean
		AppConfig appConfig() {
			VideoConfig video = VideoConfig.DEFAULTS;
			return new AppConfig(new IxonApiConfig("", "", "", "", "", IxonApiConfig.DEFAULT_BASE_URL),
					List.of(CameraConfig.demo(video)), video,
					new WebhooksConfig(10, 1, SECRET, Duration.ofSeconds(30), Duration.ofSeconds(10)), null, false);
		}

		@Bean
		Clock clock() {
			return Clock.fixed(Instant.parse("2026-11-26T12:26:30Z"), ZoneOffset.UTC);
		}

		@Bean
		MeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

	@Test
	void theAnswerLinksTheStoredAlarmInTheApiAndTheWebUi() throws Exception {
		accepting();

		this.mvc.perform(webhook(ALARM, "?token=" + SECRET))
			.andExpect(status().isAccepted())
			.andExpect(jsonPath("$.links.alarm").value("/api/alarms/7"))
			.andExpect(jsonPath("$.links.ui").value("/alarms/7"));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', quoteCharacter = '`',
			textBlock = """
					not JSON                  | {"createdOn": | body
					empty body                | ``            | body
					a JSON array              | [1,2]         | body
					a string that is no object| "\\"hello\\"" | body
					createdOn missing         | {"systemLabel":"alarm-high"} | createdOn
					createdOn a number        | {"createdOn": 1732620000} | createdOn
					createdOn not a date      | {"createdOn": "yesterday"} | createdOn
					createdOn past year 9999  | {"createdOn": "+999999999-12-31T23:59:59-18:00"} | createdOn
					createdOn before 1970     | {"createdOn": "-999999999-01-01T00:00:00"} | createdOn
					companyId a number        | {"createdOn":"2026-11-26T12:26:24","companyId":5} | companyId
					extraInfo an array        | {"createdOn":"2026-11-26T12:26:24","extraInfo":[1]} | extraInfo
					Device name an object     | {"createdOn":"2026-11-26T12:26:24","extraInfo":{"Device name":{"a":1}}} | extraInfo.Device name
					""")
	void malformedBodiesAre400NamingTheField(String what, String body, String field) throws Exception {
		this.mvc.perform(webhook((body == null) ? "" : body, "?token=" + SECRET))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.title").value("Invalid Cloud Notify message"))
			.andExpect(jsonPath("$.field").value(field));

		verifyNoInteractions(this.intake);
	}

	@Test
	void theAnswerIsJsonEvenWhenTheSenderAcceptsOnlyHtml() throws Exception {
		accepting();

		this.mvc.perform(webhook(ALARM, "?token=" + SECRET).accept(MediaType.TEXT_HTML))
			.andExpect(status().isAccepted())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
			.andExpect(jsonPath("$.alarmId").value(7));
	}

	@Test
	void oversizedBodyIs413() throws Exception {
		String big = "{\"createdOn\":\"2026-11-26T12:26:24\",\"longContent\":\"" + "x".repeat(70_000) + "\"}";

		this.mvc.perform(webhook(big, "?token=" + SECRET)).andExpect(status().isContentTooLarge());

		verifyNoInteractions(this.intake);
	}

	@Test
	void wrongMethodIsAProblemNotAStackTrace() throws Exception {
		this.mvc.perform(get("/webhook"))
			.andExpect(status().isMethodNotAllowed())
			.andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("Exception"))));
	}

	@Test
	void formEncodedContentTypeStillReadsTheJsonBodyAndTheTokenFromTheQuery() throws Exception {
		accepting();

		this.mvc
			.perform(post("/webhook?token=" + SECRET).contentType(MediaType.APPLICATION_FORM_URLENCODED).content(ALARM))
			.andExpect(status().isAccepted());

		ArgumentCaptor<CloudNotification> parsed = ArgumentCaptor.forClass(CloudNotification.class);
		verify(this.intake).accept(parsed.capture(), any(), anyString());
		assertThat(parsed.getValue().deviceName()).isEqualTo("Press 7");
	}

	@Test
	void aJsonStringHoldingTheMessageIsReadLikeTheObject() throws Exception {
		accepting();
		String doubleEncoded = "\"" + ALARM.replace("\"", "\\\"").replace("\n", "") + "\"";

		this.mvc.perform(webhook(doubleEncoded, "?token=" + SECRET)).andExpect(status().isAccepted());

		ArgumentCaptor<CloudNotification> parsed = ArgumentCaptor.forClass(CloudNotification.class);
		verify(this.intake).accept(parsed.capture(), any(), anyString());
		assertThat(parsed.getValue().deviceId()).isEqualTo("d1");
	}

	@Test
	void theIntakesVerdictIsTheAnswerWithRetryAfterWhenTheQueueIsFull() throws Exception {
		given(this.intake.accept(any(), any(), anyString())).willReturn(new AlarmIntake.Receipt(503,
				Map.of("alarmId", 9, "outcome", "rejected: queue full"), Optional.of(AlarmIntake.RETRY_AFTER_SECONDS)));

		this.mvc.perform(webhook(ALARM, "?token=" + SECRET))
			.andExpect(status().isServiceUnavailable())
			.andExpect(header().string("Retry-After", String.valueOf(AlarmIntake.RETRY_AFTER_SECONDS)))
			.andExpect(jsonPath("$.outcome").value("rejected: queue full"))
			.andExpect(jsonPath("$.links.alarm").value("/api/alarms/9"));
	}

	@Test
	void theAlarmIsStampedWithTheArrivalTimeAndTheSendersAddress() throws Exception {
		accepting();

		this.mvc.perform(webhook(ALARM, "?token=" + SECRET).with((r) -> {
			r.setRemoteAddr("10.1.2.3");
			return r;
		})).andExpect(status().isAccepted());

		verify(this.intake).accept(any(), org.mockito.ArgumentMatchers.eq(Instant.parse("2026-11-26T12:26:30Z")),
				org.mockito.ArgumentMatchers.eq("10.1.2.3"));
		verify(this.intake, never()).accept(any(), any(), org.mockito.ArgumentMatchers.eq("127.0.0.1"));
	}

	private void accepting() {
		given(this.intake.accept(any(), any(), anyString()))
			.willReturn(new AlarmIntake.Receipt(202, Map.of("alarmId", 7, "outcome", "accepted"), Optional.empty()));
	}

	private static MockHttpServletRequestBuilder webhook(String body, String query) {
		return post("/webhook" + query).contentType(MediaType.APPLICATION_JSON).content(body);
	}

}
