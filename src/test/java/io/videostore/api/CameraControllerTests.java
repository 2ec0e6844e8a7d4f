package io.videostore.api;

import java.time.Instant;
import java.util.Optional;

import io.videostore.clips.AlarmOutcome;
import io.videostore.clips.Alarms;
import io.videostore.clips.NewAlarm;
import io.videostore.clips.search.AlarmStats;
import io.videostore.clips.search.CameraJobs;
import io.videostore.recording.RecordingQueue;
import io.videostore.recording.Submission;
import io.videostore.recording.source.BufferStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * What {@code /api/cameras} answers, with the queue and the index mocked: each camera's
 * buffer and jobs, and record-now stored as an alarm and queued like the webhook's (202,
 * 404 for an unknown camera, 503 + Retry-After when the queue is full or the service
 * stops).
 */
@WebMvcTest(CameraController.class)
@Import({ ApiSlice.class, RecordNow.class })
class CameraControllerTests {

	@Autowired
	MockMvc mvc;

	@MockitoBean
	RecordingQueue queue;

	@MockitoBean
	Alarms alarms;

	@MockitoBean
	AlarmStats stats;

	@Test
	void eachCameraWithItsBufferJobsAndLastFailureAndTheQueue() throws Exception {
		Instant failed = Instant.parse("2026-11-26T10:00:00Z");
		given(this.stats.cameraJobs("demo")).willReturn(new CameraJobs(2, 1, "camera unreachable", failed, null));
		given(this.queue.buffered(any())).willReturn(true);
		given(this.queue.buffer(any()))
			.willReturn(Optional.of(new BufferStatus("RECONNECTING", failed, "connection refused")));
		given(this.queue.depth()).willReturn(3);
		given(this.queue.isRunning()).willReturn(true);

		this.mvc.perform(get("/api/cameras"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.queue.depth").value(3))
			.andExpect(jsonPath("$.queue.capacity").value(10))
			.andExpect(jsonPath("$.queue.accepting").value(true))
			.andExpect(jsonPath("$.cameras[0].id").value("demo"))
			.andExpect(jsonPath("$.cameras[0].source").value("demo"))
			.andExpect(jsonPath("$.cameras[0].recording").value("pre-roll"))
			.andExpect(jsonPath("$.cameras[0].durationSeconds").value(10.0))
			.andExpect(jsonPath("$.cameras[0].buffer.state").value("RECONNECTING"))
			.andExpect(jsonPath("$.cameras[0].buffer.detail").value("connection refused"))
			.andExpect(jsonPath("$.cameras[0].queued").value(2))
			.andExpect(jsonPath("$.cameras[0].running").value(1))
			.andExpect(jsonPath("$.cameras[0].lastFailure").value("camera unreachable"))
			.andExpect(jsonPath("$.cameras[0].links.recordings").value("/api/cameras/demo/recordings"));
	}

	@Test
	void recordNowStoresAnAlarmLabelledRecordNowAndQueuesItsJob() throws Exception {
		given(this.alarms.recordAlarm(any())).willReturn(41L);
		given(this.queue.submit(eq(41L), any(), any(), anyString()))
			.willReturn(new Submission(Submission.State.QUEUED, 17, "demo"));

		this.mvc
			.perform(post("/api/cameras/demo/recordings").contentType(MediaType.APPLICATION_JSON)
				.content("{\"text\": \"operator saw a jam\"}"))
			.andExpect(status().isAccepted())
			.andExpect(header().string("Location", "/api/alarms/41"))
			.andExpect(jsonPath("$.alarmId").value(41))
			.andExpect(jsonPath("$.jobId").value(17))
			.andExpect(jsonPath("$.camera").value("demo"))
			.andExpect(jsonPath("$.state").value("queued"))
			.andExpect(jsonPath("$.links.alarm").value("/api/alarms/41"))
			.andExpect(jsonPath("$.links.ui").value("/alarms/41"));

		ArgumentCaptor<NewAlarm> alarm = ArgumentCaptor.forClass(NewAlarm.class);
		verify(this.alarms).recordAlarm(alarm.capture());
		assertThat(alarm.getValue().systemLabel()).isEqualTo("record-now");
		assertThat(alarm.getValue().shortContent()).isEqualTo("operator saw a jam");
		assertThat(alarm.getValue().createdOn()).isEqualTo(java.time.LocalDateTime.of(2026, 11, 26, 12, 0));
		assertThat(alarm.getValue().dedupeKey()).as("never a duplicate of another").isNull();
		verify(this.queue).submit(eq(41L), any(), eq(java.time.LocalDateTime.of(2026, 11, 26, 12, 0)),
				eq("2026-11-26T12-00-00_record_now_demo.mp4"));
	}

	@Test
	void recordNowWithoutABodyUsesADefaultText() throws Exception {
		given(this.alarms.recordAlarm(any())).willReturn(41L);
		given(this.queue.submit(anyLong(), any(), any(), anyString()))
			.willReturn(new Submission(Submission.State.JOINED, 18, "demo"));

		this.mvc.perform(post("/api/cameras/demo/recordings"))
			.andExpect(status().isAccepted())
			.andExpect(jsonPath("$.state").value("joined"));
	}

	@Test
	void aFullQueueIs503WithRetryAfterAndTheRequestStaysStoredAsRejected() throws Exception {
		given(this.alarms.recordAlarm(any())).willReturn(42L);
		given(this.queue.submit(anyLong(), any(), any(), anyString()))
			.willReturn(new Submission(Submission.State.FULL, 0, "demo"));

		this.mvc.perform(post("/api/cameras/demo/recordings"))
			.andExpect(status().isServiceUnavailable())
			.andExpect(header().string("Retry-After", "30"))
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.alarmId").value(42));

		verify(this.alarms).setAlarmOutcome(42L, AlarmOutcome.queueFull());
	}

	@Test
	void aRecordingAskedForWhileTheServiceStopsIs503ServiceStoppingNotQueueFull() throws Exception {
		given(this.alarms.recordAlarm(any())).willReturn(43L);
		given(this.queue.submit(anyLong(), any(), any(), anyString()))
			.willReturn(new Submission(Submission.State.STOPPING, 0, "demo"));

		this.mvc.perform(post("/api/cameras/demo/recordings"))
			.andExpect(status().isServiceUnavailable())
			.andExpect(header().string("Retry-After", "30"))
			.andExpect(jsonPath("$.title").value("Service stopping"))
			.andExpect(jsonPath("$.alarmId").value(43));

		verify(this.alarms).setAlarmOutcome(43L, AlarmOutcome.stopping());
	}

	@ParameterizedTest
	@ValueSource(strings = { "gate", "..%2F..%2Fetc", "DEMO", "demo%00" })
	void anUnknownCameraIs404AndNothingIsStored(String camera) throws Exception {
		this.mvc.perform(post("/api/cameras/" + camera + "/recordings"))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));

		verifyNoInteractions(this.alarms);
	}

	@Test
	void aTooLongTextIs400() throws Exception {
		this.mvc
			.perform(post("/api/cameras/demo/recordings").contentType(MediaType.APPLICATION_JSON)
				.content("{\"text\": \"" + "x".repeat(600) + "\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.parameter").value("text"));

		verifyNoInteractions(this.alarms);
	}

}
