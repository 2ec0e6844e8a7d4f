package io.videostore.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import io.videostore.clips.search.AlarmClip;
import io.videostore.clips.search.AlarmRecording;
import io.videostore.clips.search.AlarmSummary;

/**
 * Alarms as CSV for a spreadsheet: RFC 4180 (CRLF, fields with a comma, quote or line
 * break quoted, quotes doubled), with a byte-order mark so spreadsheets read UTF-8. A
 * text cell that starts with {@code = + - @}, a tab or a carriage return gets a leading
 * {@code '} so no spreadsheet runs it as a formula (CSV injection): alarm texts and
 * device names come from the machines.
 */
final class AlarmCsv {

	static final String HEADER = "id,createdOn,receivedAt,deviceId,deviceName,label,text,outcome,outcomeText,"
			+ "cameras,clipIds,clipFiles,alarmPage";

	private final Writer out;

	AlarmCsv(Writer out) {
		this.out = out;
	}

	void header() throws IOException {
		this.out.write('\uFEFF');
		this.out.write(HEADER + "\r\n");
	}

	void rows(List<AlarmSummary> alarms) {
		try {
			for (AlarmSummary a : alarms) {
				row(a);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void row(AlarmSummary a) throws IOException {
		List<AlarmClip> clips = a.clips();
		String line = String.join(",", String.valueOf(a.id()), time(a.createdOn()), time(a.receivedAt()),
				cell(a.deviceId()), cell(a.deviceName()), cell(a.label()), cell(a.text()), a.status().value(),
				cell(a.outcomeText()),
				cell(a.recordings().stream().map(AlarmRecording::cameraId).distinct().collect(Collectors.joining(" "))),
				cell(clips.stream().map((c) -> String.valueOf(c.id())).collect(Collectors.joining(" "))),
				cell(clips.stream().map(AlarmClip::fileName).collect(Collectors.joining(" "))), Links.ui(a.id()));
		this.out.write(line);
		this.out.write("\r\n");
	}

	private static String time(Instant instant) {
		return (instant != null) ? instant.toString() : "";
	}

	/** One text field, defused and quoted as needed. */
	static String cell(String value) {
		if (value == null || value.isEmpty()) {
			return "";
		}
		String v = value;
		char first = v.charAt(0);
		if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
			v = "'" + v;
		}
		if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
			return '"' + v.replace("\"", "\"\"") + '"';
		}
		return v;
	}

}
