package io.videostore.system;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.videostore.system.HostileRequestTests.Caller;
import io.videostore.system.HostileTable.Case;
import io.videostore.testcam.RawHttp;
import io.videostore.testcam.RawHttp.Answer;
import org.springframework.boot.test.system.CapturedOutput;

/**
 * Sends each request of a {@link HostileTable} from each caller (the callers of one
 * request at once, the requests one after the other, so that the log lines between two
 * requests are theirs) and collects every broken promise: a 5xx, protected data for a
 * caller who must see nothing, a refusal of the API that is no problem+json, Tomcat's own
 * error page, a redirect elsewhere, a stack trace, an ERROR or more than a line per
 * request in the log.
 */
final class HostileRun {

	private static final Pattern STACK_TRACE = Pattern
		.compile("^(\tat |\t\\.\\.\\. \\d+ more|Caused by: |Suppressed: |[\\w$.]+(Exception|Error)(: |$))");

	private static final List<Integer> REDIRECTS = List.of(301, 302, 303, 307, 308);

	/**
	 * A log line of its own (not a stack trace's) written by a thread that is no web
	 * server's.
	 */
	private static final Pattern BACKGROUND = Pattern.compile("^\\d{4}-\\d\\d-\\d\\dT\\S+ +\\w+ +\\[(?!http-)");

	private static final List<String> API = List.of("/api/", "/actuator", "/webhook", "/v3/api-docs");

	private final int port;

	private final List<Caller> callers;

	private final String device;

	private final String secret;

	private final List<Failure> failures = new ArrayList<>();

	private int requests;

	private long millis;

	private int logLines;

	/** Cases sent at once. */
	static final int BATCH = 6;

	/** Per caller: how many answers of each class (none, 1xx … 5xx). */
	private final Map<String, int[]> classes = new LinkedHashMap<>();

	/** One broken promise: which check, for which request, from whom, what came back. */
	record Failure(String check, String kind, String caller, String request, int status, String detail) {

		@Override
		public String toString() {
			return "%s | %s | %s | %s -> %d%s".formatted(this.check, this.kind, this.caller, this.request, this.status,
					this.detail.isEmpty() ? "" : " | " + this.detail);
		}

	}

	private HostileRun(int port, List<Caller> callers, String device, String secret) {
		this.port = port;
		this.callers = callers;
		this.device = device;
		this.secret = secret;
	}

	/**
	 * A run against the service on this port; a caller that may see everything and calls
	 * {@code /webhook} presents the webhook secret (if not null).
	 */
	static HostileRun of(int port, List<Caller> callers, String device, String secret) {
		return new HostileRun(port, callers, device, secret);
	}

	/**
	 * Sends the table, {@link #BATCH} cases at a time, each from every caller at once
	 * (the server's work, not the network, is what takes time); the log is read after
	 * each batch, so a line is traced to a handful of cases.
	 */
	HostileRun send(List<Case> table, CapturedOutput output) throws Exception {
		long start = System.nanoTime();
		ExecutorService pool = Executors.newFixedThreadPool(this.callers.size() * BATCH);
		try {
			int logged = output.getAll().length();
			for (int from = 0; from < table.size(); from += BATCH) {
				List<Case> batch = table.subList(from, Math.min(table.size(), from + BATCH));
				List<Future<Answer>> answers = new ArrayList<>();
				for (Case c : batch) {
					for (Caller caller : this.callers) {
						answers.add(pool.submit(() -> RawHttp.exchange(caller.connectTo(), this.port,
								c.text(caller.host(), headers(caller, c)))));
					}
				}
				for (int i = 0; i < answers.size(); i++) {
					check(this.callers.get(i % this.callers.size()), batch.get(i / this.callers.size()),
							answer(answers.get(i)));
				}
				this.requests += answers.size();
				// Unchanged output is not copied again: this is cheap while the log is
				// quiet.
				String all = output.getAll();
				if (all.length() != logged) {
					checkLog(batch, all.substring(logged));
					logged = all.length();
				}
			}
		}
		finally {
			pool.shutdownNow();
		}
		this.millis = (System.nanoTime() - start) / 1_000_000;
		return this;
	}

	private List<String> headers(Caller caller, Case c) {
		List<String> headers = new ArrayList<>(caller.headers());
		if (c.target().startsWith("/logout")) {
			// It would end the logged-in caller's session for the requests after it.
			headers.removeIf((h) -> h.startsWith("Cookie:"));
		}
		if (!caller.mustSeeNothing() && this.secret != null && c.target().startsWith("/webhook")) {
			headers.add("X-Webhook-Secret: " + this.secret);
		}
		return headers;
	}

	private static Answer answer(Future<Answer> answer) throws InterruptedException {
		try {
			return answer.get();
		}
		catch (ExecutionException ex) {
			String why = (ex.getCause() instanceof IOException io) ? io.toString() : String.valueOf(ex.getCause());
			return new Answer(why, new byte[0]);
		}
	}

	private void check(Caller caller, Case c, Answer answer) {
		int status = answer.status();
		this.classes.computeIfAbsent(caller.name(), (name) -> new int[6])[Math.min(status / 100, 5)]++;
		String path = c.target().split("\\?", 2)[0];
		// 501 and 505 are the protocol's answers to a method or version nobody speaks.
		if ((status >= 500 && status != 501 && status != 505) || status == 0) {
			fail("no 5xx", c, caller, status, (status == 0) ? HostileTable.cut(answer.text(), 100) : title(answer));
		}
		if (caller.mustSeeNothing()) {
			String leak = ProtectedContent.in(answer, this.device, path.startsWith("/webhook"));
			if (leak != null) {
				fail("nothing protected", c, caller, status, leak);
			}
		}
		// A 416 is empty and says the size in Content-Range (RFC 9110 §15.5.17).
		boolean emptyRangeRefusal = status == 416 && answer.body().isEmpty()
				&& header(answer, "Content-Range").startsWith("bytes */");
		if (status >= 400 && status < 500 && API.stream().anyMatch(path::startsWith) && !c.method().equals("HEAD")
				&& !emptyRangeRefusal && !header(answer, "Content-Type").startsWith("application/problem+json")) {
			fail("problem+json", c, caller, status,
					"Content-Type: " + header(answer, "Content-Type") + ", " + HostileTable.cut(answer.body(), 60));
		}
		else if (status >= 400
				&& (answer.body().contains("<title>HTTP Status") || answer.body().contains("Apache Tomcat"))) {
			fail("no Tomcat error page", c, caller, status, HostileTable.cut(answer.body(), 80));
		}
		if (REDIRECTS.contains(status) && !sameSite(header(answer, "Location"), caller)) {
			fail("redirect stays here", c, caller, status, "Location: " + header(answer, "Location"));
		}
	}

	private static boolean sameSite(String location, Caller caller) {
		if (location.startsWith("/") && !location.startsWith("//") && !location.startsWith("/\\")) {
			return true;
		}
		String rest = location.replaceFirst("^https?://", "");
		String host = rest.split("[/?#]", 2)[0].toLowerCase(Locale.ROOT);
		return !rest.equals(location) && (host.equals(caller.host().toLowerCase(Locale.ROOT))
				|| host.startsWith("localhost") || host.startsWith("127.0.0.1"));
	}

	/**
	 * The lines the requests of one batch wrote: no stack trace, no ERROR, and a line per
	 * request at most (lines of background threads, such as a recording finishing, do not
	 * count).
	 */
	private void checkLog(List<Case> batch, String written) {
		List<String> lines = Arrays.stream(written.split("\\R")).filter((l) -> !l.isBlank()).toList();
		long stack = lines.stream().filter((l) -> STACK_TRACE.matcher(l).find()).count();
		List<String> errors = lines.stream().filter((l) -> l.contains(" ERROR [")).toList();
		List<String> own = lines.stream().filter((l) -> !BACKGROUND.matcher(l).find()).toList();
		this.logLines += own.size();
		int requests = this.callers.size() * batch.size();
		if (stack > 0 || !errors.isEmpty() || own.size() > requests) {
			String first = errors.isEmpty() ? own.get(0) : errors.get(0);
			String cases = batch.stream().map(Case::describe).collect(java.util.stream.Collectors.joining("; "));
			fail("quiet log", batch.get(0), null, 0,
					"%d lines for %d requests, %d ERROR, %d stack-trace lines; %s; ".formatted(own.size(), requests,
							errors.size(), stack, HostileTable.cut(first, 150)) + "the batch: "
							+ HostileTable.cut(cases, 400));
		}
	}

	private void fail(String check, Case c, Caller caller, int status, String detail) {
		this.failures.add(new Failure(check, c.kind(), (caller != null) ? caller.name() : "all callers", c.describe(),
				status, detail));
	}

	private static String title(Answer answer) {
		Matcher title = Pattern.compile("\"title\":\"([^\"]*)\"").matcher(answer.body());
		return title.find() ? "title " + title.group(1) : HostileTable.cut(answer.body(), 60);
	}

	static String header(Answer answer, String name) {
		for (String line : answer.headers().split("\r\n")) {
			if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
				return line.substring(name.length() + 1).trim();
			}
		}
		return "";
	}

	List<Failure> failures() {
		return this.failures;
	}

	/** How many requests, how long, and what each caller got back. */
	String summary() {
		StringBuilder summary = new StringBuilder("%d requests (%d callers) in %d ms, %d log lines; %d failures%n"
			.formatted(this.requests, this.callers.size(), this.millis, this.logLines, this.failures.size()));
		this.classes.forEach((caller, counts) -> summary.append("  %-36s 2xx %4d  3xx %4d  4xx %4d  5xx %4d  none %d%n"
			.formatted(caller, counts[2], counts[3], counts[4], counts[5], counts[0])));
		return summary.toString();
	}

	/**
	 * The failures grouped by check and kind of request, with a count and an example
	 * each, then every failure (the first 400).
	 */
	String report() {
		Map<String, List<Failure>> groups = new LinkedHashMap<>();
		this.failures
			.forEach((f) -> groups.computeIfAbsent(f.check() + " | " + f.kind(), (k) -> new ArrayList<>()).add(f));
		StringBuilder report = new StringBuilder(summary()).append(groups.size()).append(" groups:\n");
		groups.forEach(
				(group, list) -> report.append("  %4d x %s, e.g. %s%n".formatted(list.size(), group, list.get(0))));
		report.append("All failures:\n");
		this.failures.stream().limit(400).forEach((f) -> report.append("  ").append(f).append('\n'));
		if (this.failures.size() > 400) {
			report.append("  … and ").append(this.failures.size() - 400).append(" more\n");
		}
		return report.toString();
	}

}
