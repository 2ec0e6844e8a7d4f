package io.videostore.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.videostore.clips.Alarms;
import io.videostore.clips.search.AlarmFilter;
import io.videostore.clips.search.AlarmOrder;
import io.videostore.clips.search.AlarmSearch;
import io.videostore.clips.search.AlarmSummary;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/alarms}: the alarm list with filters, order and pages, one alarm in full,
 * and the list as CSV.
 */
@RestController
@RequestMapping("/api")
@Tag(name = "Alarms", description = "Alarms received by the webhook or asked for by record-now, with their clips")
class AlarmController {

	private static final Logger log = LoggerFactory.getLogger(AlarmController.class);

	/** Alarms read per query while the CSV is written. */
	private static final int CSV_CHUNK = 500;

	private final AlarmSearch search;

	private final Alarms alarms;

	AlarmController(AlarmSearch search, Alarms alarms) {
		this.search = search;
		this.alarms = alarms;
	}

	@GetMapping("/alarms")
	@Operation(summary = "Alarms matching the filters, one page at a time (newest first by default)")
	AlarmPage list(@ParameterObject AlarmQuery query,
			@Parameter(description = "Page number, from 0") @RequestParam(required = false) Integer page,
			@Parameter(description = "Page size, 1 to 200 (default 50)") @RequestParam(required = false) Integer size,
			@Parameter(
					description = "createdOn, receivedAt, id, device, text or label, then ,asc or ,desc") @RequestParam(
							required = false) String sort,
			HttpServletRequest request) {
		AlarmFilter filter = query.filter();
		int p = Parameters.page(page);
		int n = Parameters.size(size);
		AlarmOrder order = Parameters.order(sort);
		AlarmSearch.Page found = this.search.search(filter, order, (long) p * n, n);
		long pages = (found.total() + n - 1) / n;
		return new AlarmPage(found.items().stream().map(AlarmItem::of).toList(), p, n, found.total(), pages,
				order.toString(), PageLinks.of(request, p, pages));
	}

	@GetMapping("/alarms/{id}")
	@Operation(summary = "One alarm with its machine variables, jobs and clips")
	AlarmDetail alarm(@PathVariable long id) {
		Parameters.id("id", id);
		AlarmSummary alarm = this.search.alarm(id).orElseThrow(() -> new NotFoundException("alarm", id));
		return AlarmDetail.of(alarm, this.alarms.alarm(id).orElseThrow(() -> new NotFoundException("alarm", id)));
	}

	@GetMapping(path = "/alarms.csv", produces = "text/csv")
	@Operation(summary = "The alarms matching the filters as CSV (RFC 4180, UTF-8), in the list's order, unpaged")
	void csv(@ParameterObject AlarmQuery query,
			@Parameter(description = "as for the list") @RequestParam(required = false) String sort,
			HttpServletResponse response) throws IOException {
		AlarmFilter filter = query.filter();
		AlarmOrder order = Parameters.order(sort);
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"alarms.csv\"");
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		Writer out = response.getWriter();
		AlarmCsv csv = new AlarmCsv(out);
		try {
			csv.header();
			this.search.forEach(filter, order, CSV_CHUNK, csv::rows);
			out.flush();
		}
		catch (IOException | UncheckedIOException ex) {
			// The client went away mid-download: nothing to answer, nothing wrong here.
			log.debug("CSV export ended early: {}", ex.getMessage());
		}
	}

}
