package io.videostore.api;

import java.beans.PropertyEditorSupport;
import java.util.function.Function;

import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * Whole numbers in paths and query parameters ({@code long}, {@code int} and their boxes)
 * are ASCII decimal digits only, for every controller: Spring's own reading also takes
 * {@code 0x1}, {@code #1}, {@code +1}, spaces and other scripts' digits, so one clip
 * would have many ids. Anything else is a 400 "must be a whole number"; no parameter
 * needs a negative number.
 */
@ControllerAdvice
class DecimalNumbers {

	// An editor, not a converter of the conversion service: when a converter fails, the
	// binder tries its default number editor next, which reads "0x1" as 1.
	@InitBinder
	void strictNumbers(WebDataBinder binder) {
		binder.registerCustomEditor(long.class, new Editor(Long::valueOf, false));
		binder.registerCustomEditor(Long.class, new Editor(Long::valueOf, true));
		binder.registerCustomEditor(int.class, new Editor(Integer::valueOf, false));
		binder.registerCustomEditor(Integer.class, new Editor(Integer::valueOf, true));
	}

	/**
	 * The text if it is ASCII digits only; {@code Long.valueOf} would take a sign and
	 * other scripts' digits. A value beyond the type fails in the parse.
	 */
	private static String digits(String text) {
		for (int i = 0; i < text.length(); i++) {
			if (text.charAt(i) < '0' || text.charAt(i) > '9') {
				throw new IllegalArgumentException("not a decimal whole number");
			}
		}
		return text;
	}

	/** Reads one type; empty is null (an absent parameter) where the type allows it. */
	private static final class Editor extends PropertyEditorSupport {

		private final Function<String, Number> parse;

		private final boolean emptyIsNull;

		Editor(Function<String, Number> parse, boolean emptyIsNull) {
			this.parse = parse;
			this.emptyIsNull = emptyIsNull;
		}

		@Override
		public void setAsText(String text) {
			if (this.emptyIsNull && (text == null || text.isEmpty())) {
				setValue(null);
				return;
			}
			setValue(this.parse.apply(digits((text != null) ? text : "")));
		}

	}

}
