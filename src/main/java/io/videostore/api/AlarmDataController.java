package io.videostore.api;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.videostore.clips.AlarmContexts;
import io.videostore.clips.AlarmView;
import io.videostore.clips.Alarms;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/alarms/{id}/data}: the machine's logged signals around an alarm, as JSON
 * for the alarm page's charts and as CSV for a spreadsheet.
 */
@RestController
@RequestMapping("/api/alarms/{id}")
@Tag(name = "Alarms")
class AlarmDataController {

	private final Alarms alarms;

	private final AlarmContexts contexts;

	AlarmDataController(Alarms alarms, AlarmContexts contexts) {
		this.alarms = alarms;
		this.contexts = contexts;
	}

	@GetMapping("/data")
	@Operation(summary = "The machine's logged signals around the alarm, with the moment they are anchored on",
			description = """
					state is pending (not fetched yet, or to be fetched again at nextAttemptAt), done, partial \
					(some tags or some of the window missing, see reason), failed (reason), or none (no machine \
					data is fetched for this alarm). series is [] until there is data; each point is \
					[epochMs, value].""")
	AlarmData data(@PathVariable long id) {
		AlarmView alarm = alarm(id);
		return this.contexts.find(id).map(AlarmData::of).orElseGet(() -> AlarmData.none(alarm));
	}

	@GetMapping(path = "/data.csv", produces = "text/csv")
	@Operation(summary = "The alarm's signals as CSV (RFC 4180, UTF-8): time,source,tag,unit,value, one row per "
			+ "logged value; only the header while there is no data")
	void csv(@PathVariable long id, HttpServletResponse response) throws IOException {
		alarm(id);
		List<JsonNode> series = this.contexts.find(id).map(AlarmData::of).map(AlarmData::series).orElse(List.of());
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"alarm-" + id + "-data.csv\"");
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		Writer out = response.getWriter();
		SignalCsv.write(series, out);
		out.flush();
	}

	private AlarmView alarm(long id) {
		Parameters.id("id", id);
		return this.alarms.alarm(id).orElseThrow(() -> new NotFoundException("alarm", id));
	}

}
