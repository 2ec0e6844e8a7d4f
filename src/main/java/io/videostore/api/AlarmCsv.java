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
 * Alarms as CSV for a spreadsheet: RFC 4180 (CRLF, fields with a comma, semicolon, tab,
 * quote or line break quoted, quotes doubled), with a byte-order mark so spreadsheets
 * read UTF-8. In a text cell, {@code = + - @}, a tab or a carriage return at its start or
 * right after a separator, quote or line break gets a leading {@code '} so no spreadsheet
 * runs it as a formula (CSV injection): alarm texts and device names come from the
 * machines.
 */
final class AlarmCsv {

	static final String HEADER = "id,createdOn,receivedAt,deviceId,deviceName,label,text,outcome,outcomeText,"
			+ "cameras,clipIds,clipFiles,alarmPage";

	/** What a spreadsheet may run as a formula at the start of a cell. */
	private static final String FORMULA = "=+-@\t\r";

	/**
	 * The separators spreadsheets use, quotes and line breaks: a field with one is
	 * quoted, and a formula character right after one is defused, as a new cell may start
	 * there.
	 */
	private static final String BREAKS = ",;\t\r\n\"";

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

	/** One text field, defused and quoted as needed; shared with {@link SignalCsv}. */
	static String cell(String value) {
		if (value == null || value.isEmpty()) {
			return "";
		}
		String v = defused(value);
		for (int i = 0; i < v.length(); i++) {
			if (BREAKS.indexOf(v.charAt(i)) >= 0) {
				return '"' + v.replace("\"", "\"\"") + '"';
			}
		}
		return v;
	}

	/**
	 * A {@code '} before each formula character that starts the text or a cell a
	 * spreadsheet may find inside it: Excel with {@code ;} as its list separator reads
	 * {@code x;=1+1} as a cell {@code =1+1}, whatever the quotes.
	 */
	private static String defused(String value) {
		StringBuilder sb = new StringBuilder(value.length() + 1);
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (FORMULA.indexOf(c) >= 0 && (i == 0 || BREAKS.indexOf(value.charAt(i - 1)) >= 0)) {
				sb.append('\'');
			}
			sb.append(c);
		}
		return sb.toString();
	}

}
