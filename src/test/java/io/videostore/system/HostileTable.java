package io.videostore.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;

/**
 * The requests {@link HostileRequestTests} sends: every operation of the OpenAPI
 * description and every door it does not describe (pages, login, actuator, static files),
 * each with hostile path variables, query parameters, spellings, headers and bodies.
 * Built from the description, so an endpoint added later is covered without editing the
 * test.
 */
final class HostileTable {

	/** Doors the OpenAPI description does not list: pages, login, actuator, documents. */
	static final List<String> DOORS = List.of("GET /", "GET /alarms", "GET /alarms/1", "GET /status", "GET /session",
			"GET /login", "GET /logout", "POST /logout", "GET /error", "GET /webhook", "GET /actuator",
			"GET /actuator/health", "GET /actuator/health/liveness", "GET /actuator/info", "GET /actuator/prometheus",
			"GET /v3/api-docs", "GET /swagger-ui.html", "GET /favicon.ico", "GET //", "GET ///", "DELETE /login");

	/**
	 * Sent last: each of its requests is a failed login, and after five of them the
	 * service makes this machine's logins wait.
	 */
	static final String LAST_DOOR = "POST /login";

	/**
	 * Paths whose answers are protected, each spelled every odd way, letter by letter
	 * ({@code {alarm}} and {@code {clip}} stand for the seeded ids).
	 */
	static final List<String> PROTECTED = List.of("/actuator/prometheus", "/actuator/health", "/api/alarms",
			"/api/alarms/{alarm}", "/api/clips/{clip}/video", "/api/clips/{clip}/thumbnail");

	static final List<String> HOSTILE_IDS = List.of("0x1", "%23%201", "-1", "99999999999999999999", "%D9%A1", "1.0");

	/** Query values that break the parser: a whole query with one of them is refused. */
	static final List<String> BAD_ESCAPES = List.of("%", "%zz", "%e9", "%c3%28", "%00");

	/**
	 * Query values a parameter's own parsing must refuse: dates at the ends of the
	 * calendar (two pairs, alternating from parameter to parameter), a huge number,
	 * nothing, a long string.
	 */
	static final List<List<String>> ODD_VALUES = List.of(
			List.of("%2B999999999-12-31T23:59:59Z", "0000-01-01", "99999999999999999999", "", "a".repeat(1024)),
			List.of("-999999999-01-01T00:00:00Z", "9999-12-31", "99999999999999999999", "", "a".repeat(1024)));

	/** Longer than the request line may be: the web server's own refusal. */
	static final String TOO_LONG = "a".repeat(10 * 1024);

	/**
	 * How many odd spellings each protected path beyond {@link #PROTECTED} gets (a
	 * rotating sample; those of {@link #PROTECTED} get all).
	 */
	static final int OTHER_SPELLINGS = 6;

	private static final Pattern VARIABLE = Pattern.compile("\\{([^}]+)}");

	private final Ids ids;

	private final List<Case> cases = new ArrayList<>();

	/** The seeded data the requests name: an alarm and its clip, a clip to delete. */
	record Ids(long alarm, long clip, long victimClip, String camera) {
	}

	/** An endpoint: method, path template, declared query and header parameters. */
	record Endpoint(String method, String template, List<String> query, List<String> headers, boolean body) {
	}

	/**
	 * One request: the kind of hostility (for the report), the request line, extra header
	 * lines and an optional body. A {@code Host} or {@code Authorization} among the
	 * headers replaces the caller's.
	 */
	record Case(String kind, String method, String target, String protocol, List<String> headers, String contentType,
			String body) {

		Case(String kind, String method, String target) {
			this(kind, method, target, "HTTP/1.1", List.of(), null, null);
		}

		Case withHeader(String kind, String header) {
			List<String> all = new ArrayList<>(this.headers);
			all.add(header);
			return new Case(kind, this.method, this.target, this.protocol, all, this.contentType, this.body);
		}

		Case withBody(String kind, String contentType, String body) {
			return new Case(kind, this.method, this.target, this.protocol, this.headers, contentType, body);
		}

		boolean sets(String header) {
			return this.headers.stream()
				.anyMatch((h) -> h.regionMatches(true, 0, header + ":", 0, header.length() + 1));
		}

		/** The request's text, sent from a caller with these headers to this Host. */
		String text(String host, List<String> callerHeaders) {
			StringBuilder request = new StringBuilder(this.method + " " + this.target + " " + this.protocol + "\r\n");
			if (!sets("Host")) {
				request.append("Host: ").append(host).append("\r\n");
			}
			for (String header : callerHeaders) {
				if (!(header.startsWith("Authorization:") && sets("Authorization"))) {
					request.append(header).append("\r\n");
				}
			}
			this.headers.forEach((h) -> request.append(h).append("\r\n"));
			if (this.body != null) {
				if (this.contentType != null) {
					request.append("Content-Type: ").append(this.contentType).append("\r\n");
				}
				request.append("Content-Length: ")
					.append(this.body.getBytes(StandardCharsets.UTF_8).length)
					.append("\r\n");
			}
			else if (!this.method.equals("GET") && !this.method.equals("HEAD")) {
				request.append("Content-Length: 0\r\n");
			}
			return request.append("Connection: close\r\n\r\n").append((this.body != null) ? this.body : "").toString();
		}

		/** Method, target and headers, cut short for a report line. */
		String describe() {
			String headers = this.headers.isEmpty() ? "" : " " + this.headers;
			String body = (this.body == null) ? ""
					: " body(" + this.contentType + ", " + this.body.length() + " chars: " + this.body + ")";
			String line = this.method + " " + this.target
					+ ((this.protocol.equals("HTTP/1.1")) ? "" : " " + this.protocol) + headers + body;
			return cut(line.replace("\r", "\\r").replace("\n", "\\n"), 180);
		}

	}

	private HostileTable(Ids ids) {
		this.ids = ids;
	}

	/** The table for the OpenAPI description of the running service. */
	static List<Case> from(JsonNode apiDocs, Ids ids) {
		HostileTable table = new HostileTable(ids);
		List<Endpoint> endpoints = new ArrayList<>(documented(apiDocs));
		DOORS.forEach((door) -> endpoints.add(door(door)));
		staticFiles().forEach((file) -> endpoints.add(new Endpoint("GET", file, List.of(), List.of(), false)));
		for (int i = 0; i < endpoints.size(); i++) {
			table.endpoint(endpoints.get(i), i);
		}
		List<String> protectedPaths = PROTECTED.stream().map(table::fill).toList();
		protectedPaths.forEach((path) -> table.spellings(path, Integer.MAX_VALUE));
		endpoints.stream()
			.filter((e) -> e.method().equals("GET") && e.template().startsWith("/api/"))
			.map(table::real)
			.filter((path) -> !protectedPaths.contains(path))
			.forEach((path) -> table.spellings(path, OTHER_SPELLINGS));
		Stream.concat(protectedPaths.stream(), Stream.of("/js/common.js", "/login")).forEach(table::headers);
		Stream.of("/actuator/prometheus", table.fill("/api/alarms/{alarm}"), "/login").forEach(table::protocols);
		table.endpoint(door(LAST_DOOR), endpoints.size());
		return table.cases;
	}

	private static Endpoint door(String door) {
		String[] methodAndPath = door.split(" ");
		return new Endpoint(methodAndPath[0], methodAndPath[1], List.of(), List.of(), door.startsWith("POST"));
	}

	/** Every path and method of the description, with its declared parameters. */
	static List<Endpoint> documented(JsonNode apiDocs) {
		List<Endpoint> endpoints = new ArrayList<>();
		for (Map.Entry<String, JsonNode> path : apiDocs.path("paths").properties()) {
			for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
				List<String> query = new ArrayList<>();
				List<String> headers = new ArrayList<>();
				for (JsonNode parameter : operation.getValue().path("parameters")) {
					String in = parameter.path("in").asString();
					if (in.equals("query")) {
						query.add(parameter.path("name").asString());
					}
					else if (in.equals("header")) {
						headers.add(parameter.path("name").asString());
					}
				}
				endpoints.add(new Endpoint(operation.getKey().toUpperCase(Locale.ROOT), path.getKey(), query, headers,
						operation.getValue().has("requestBody")));
			}
		}
		return endpoints;
	}

	/** The files under {@code static/}, as the web server serves them. */
	static List<String> staticFiles() {
		Path root = Path.of("src/main/resources/static");
		try (Stream<Path> files = Files.walk(root)) {
			return files.filter(Files::isRegularFile)
				.map((f) -> "/" + root.relativize(f).toString().replace('\\', '/'))
				.sorted()
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void endpoint(Endpoint e, int index) {
		String real = real(e);
		Case plain = new Case("plain", e.method(), real);
		add(withBody(e, plain));
		Matcher variables = VARIABLE.matcher(e.template());
		while (variables.find()) {
			String variable = variables.group();
			for (String id : HOSTILE_IDS) {
				add(withBody(e, new Case("path id " + id, e.method(), real(e, variable, id))));
			}
		}
		List<String> slots = new ArrayList<>(e.query());
		slots.add("x");
		if (e.template().equals("/webhook")) {
			slots.add("token");
		}
		List<String> perRequest = new ArrayList<>(BAD_ESCAPES);
		perRequest.add(TOO_LONG);
		for (int k = 0; k < perRequest.size(); k++) {
			String value = perRequest.get(k);
			String name = slots.get((index + k) % slots.size());
			add(withBody(e, new Case("query " + kind(value), e.method(), real + "?" + name + "=" + value)));
		}
		for (int p = 0; p < e.query().size(); p++) {
			for (String value : ODD_VALUES.get((index + p) % 2)) {
				add(withBody(e,
						new Case("query " + kind(value), e.method(), real + "?" + e.query().get(p) + "=" + value)));
			}
		}
		for (String header : e.headers()) {
			Stream.concat(BAD_ESCAPES.stream(), ODD_VALUES.get(0).stream())
				.forEach((value) -> add(
						withBody(e, plain.withHeader("header " + header + ": " + kind(value), header + ": " + value))));
		}
		if (!e.method().equals("GET")) {
			bodies(plain);
		}
	}

	/** Bodies a client may get wrong: the type, the syntax, the size, the depth. */
	private void bodies(Case plain) {
		add(plain.withBody("body text/plain", "text/plain", "hello, this is not JSON"));
		add(plain.withBody("body garbage JSON", "application/json", "{\"text\": nope, ]"));
		add(plain.withBody("body truncated JSON", "application/json", "{\"text\": \"recording"));
		add(plain.withBody("body deep nesting", "application/json", "[".repeat(5000) + "]".repeat(5000)));
		add(plain.withBody("body NUL", "application/json", "{\"text\": \"a\\u0000b\", \"kept\": true}"));
		add(plain.withBody("body form with a bad escape", "application/x-www-form-urlencoded", "a=%zz&b=%"));
		add(plain.withBody("body multipart without boundary", "multipart/form-data", "--x\r\n\r\n"));
		add(plain.withBody("body content type garbage", "\u00e9/;;;=", "{}"));
		add(plain.withBody("body content type wildcard", "*/*", "{}"));
	}

	/**
	 * Each letter percent-encoded in turn and every path trick, or a sample of them that
	 * rotates with the path: the first letters of its segments and {@code limit} tricks.
	 */
	private void spellings(String path, int limit) {
		boolean everyLetter = limit == Integer.MAX_VALUE;
		Map<String, String> spellings = new LinkedHashMap<>();
		for (int i = 0; i < path.length(); i++) {
			char c = path.charAt(i);
			boolean segmentStart = i > 0 && path.charAt(i - 1) == '/';
			if (Character.isLetter(c) && (everyLetter || segmentStart)) {
				spellings.putIfAbsent(path.substring(0, i) + "%" + Integer.toHexString(c) + path.substring(i + 1),
						"%-letter");
			}
		}
		int last = path.lastIndexOf('/');
		String beforeLast = path.substring(0, last);
		String afterLast = path.substring(last + 1);
		int second = path.indexOf('/', 1);
		String head = path.substring(0, second);
		String tail = path.substring(second);
		spellings.putIfAbsent(beforeLast + "%2F" + afterLast, "%2F");
		spellings.putIfAbsent(beforeLast + "%2f" + afterLast, "%2f");
		spellings.putIfAbsent(head + ";jsessionid=x" + tail, ";jsessionid=x inside");
		spellings.putIfAbsent(path + ";jsessionid=x", ";jsessionid=x at the end");
		spellings.putIfAbsent(head + ";a=b" + tail, ";a=b inside");
		spellings.putIfAbsent(path + ";a=b", ";a=b at the end");
		spellings.putIfAbsent(head + "/" + tail, "doubled slash");
		spellings.putIfAbsent("/" + path, "leading doubled slash");
		spellings.putIfAbsent(path + "/", "trailing slash");
		spellings.putIfAbsent(head + "/." + tail, "/./");
		spellings.putIfAbsent(head + "/x/.." + tail, "/x/../");
		spellings.putIfAbsent(head + "/x/%2e%2e" + tail, "%2e%2e");
		spellings.putIfAbsent(head + "/%2e" + tail, "%2e");
		spellings.putIfAbsent(path.toUpperCase(Locale.ROOT), "upper case");
		spellings.putIfAbsent(capitalized(path), "capitalized");
		spellings.putIfAbsent(beforeLast + "\\" + afterLast, "backslash");
		spellings.putIfAbsent(beforeLast + "%5c" + afterLast, "%5c");
		spellings.putIfAbsent(path + "%00", "%00 at the end");
		spellings.putIfAbsent(path + "%20", "%20 at the end");
		List<Map.Entry<String, String>> all = new ArrayList<>(spellings.entrySet());
		int letters = (int) all.stream().filter((s) -> s.getValue().equals("%-letter")).count();
		for (int i = 0; i < all.size(); i++) {
			int trick = i - letters;
			int offset = Math.floorMod(path.hashCode(), Math.max(1, all.size() - letters));
			if (trick < 0 || everyLetter || Math.floorMod(trick - offset, all.size() - letters) < limit) {
				add(new Case("spelling " + all.get(i).getValue(), "GET", all.get(i).getKey()));
			}
		}
	}

	/** Headers a client may get wrong, each on its own. */
	private void headers(String path) {
		Case get = new Case("plain", "GET", path);
		for (String range : List.of("bytes=", "bytes=5-1", "bytes=99999999999-", "items=0-1",
				"bytes=" + "0-1,".repeat(300) + "2-3")) {
			add(get.withHeader("header Range " + cut(range, 20), "Range: " + range));
		}
		add(get.withHeader("header If-Modified-Since not a date", "If-Modified-Since: yesterday, probably"));
		add(get.withHeader("header If-Modified-Since year 99999", "If-Modified-Since: Fri, 31 Dec 99999 23:59:59 GMT"));
		add(get.withHeader("header 9 KB", "X-Padding: " + "p".repeat(9 * 1024)));
		add(get.withHeader("header Host not a name", "Host: a b"));
		add(get.withHeader("header Host empty", "Host:"));
		add(get.withHeader("header Basic not Base64", "Authorization: Basic !!not*base64??"));
		add(get.withHeader("header Basic without colon", "Authorization: Basic "
				+ Base64.getEncoder().encodeToString("no-colon-here".getBytes(StandardCharsets.UTF_8))));
		Random random = new Random(path.hashCode());
		for (int i = 0; i < 2; i++) {
			byte[] token = new byte[24 + i * 400];
			random.nextBytes(token);
			add(get.withHeader("header Bearer random " + token.length,
					"Authorization: Bearer " + Base64.getUrlEncoder().encodeToString(token)));
		}
	}

	/** Methods and protocol versions the service does not speak. */
	private void protocols(String path) {
		for (String method : List.of("HEAD", "OPTIONS", "TRACE", "PROPFIND", "BREW")) {
			add(new Case("method " + method, method, path));
		}
		for (String protocol : List.of("HTTP/1.0", "HTTP/1.2", "HTTP/2.0", "HTTP/9.9")) {
			add(new Case("protocol " + protocol, "GET", path, protocol, List.of(), null, null));
		}
	}

	private Case withBody(Endpoint e, Case c) {
		if (e.template().equals("/webhook")) {
			return c.withBody(c.kind(), "application/json", NOT_AN_ALARM);
		}
		return e.body() ? c.withBody(c.kind(), "application/json", "{\"text\": \"hostile request test\"}") : c;
	}

	/**
	 * A notification that is no alarm: accepted with the secret, records nothing.
	 */
	static final String NOT_AN_ALARM = """
			{"companyId":"1111-2222-3333-4444-5555","createdOn":"2026-11-26T12:26:24","systemLabel":"device-transfer",
			 "shortContent":"Device Line 4 was transferred","longContent":"","alarmRateLimitTill":null,
			 "extraInfo":{"Device ID":"ajParmNkfASN","Device name":"Line 4 Case Packer"}}""";

	/** The template with real values: the seeded alarm, its clip, a clip to delete. */
	String real(Endpoint e) {
		return real(e, null, null);
	}

	/** The template with real values, but {@code value} for {@code variable}. */
	private String real(Endpoint e, String variable, String value) {
		StringBuilder path = new StringBuilder();
		Matcher variables = VARIABLE.matcher(e.template());
		int end = 0;
		while (variables.find()) {
			path.append(e.template(), end, variables.start());
			path.append(variables.group().equals(variable) ? value : value(e, variables.start()));
			end = variables.end();
		}
		return path.append(e.template().substring(end)).toString();
	}

	/** A real value for the variable at this index: the segment before it says what. */
	private String value(Endpoint e, int at) {
		String before = e.template().substring(0, at);
		if (before.endsWith("/clips/")) {
			return String.valueOf(e.method().equals("GET") ? this.ids.clip() : this.ids.victimClip());
		}
		if (before.endsWith("/cameras/")) {
			return this.ids.camera();
		}
		return String.valueOf(this.ids.alarm());
	}

	private String fill(String path) {
		return path.replace("{alarm}", String.valueOf(this.ids.alarm()))
			.replace("{clip}", String.valueOf(this.ids.clip()));
	}

	private void add(Case c) {
		this.cases.add(c);
	}

	private static String capitalized(String path) {
		StringBuilder s = new StringBuilder(path);
		for (int i = 1; i < s.length(); i++) {
			if (s.charAt(i - 1) == '/') {
				s.setCharAt(i, Character.toUpperCase(s.charAt(i)));
			}
		}
		return s.toString();
	}

	static String kind(String value) {
		return (value.length() > 40) ? value.length() / 1024 + " KB string" : value.isEmpty() ? "empty" : value;
	}

	static String cut(String s, int max) {
		return (s.length() <= max) ? s : s.substring(0, max) + "…(" + s.length() + " chars)";
	}

}
