package io.videostore.cli.wizard;

import java.util.List;
import java.util.function.Function;

/**
 * A numbered choice, a page at a time, with a default; anything else than a valid number
 * is asked again.
 */
final class WizardMenu {

	static final int PAGE = 15;

	private final WizardConsole console;

	WizardMenu(WizardConsole console) {
		this.console = console;
	}

	/**
	 * Lets the user pick one item.
	 * @param defaultIndex 0-based index of the default, or -1 for none
	 */
	<T> T choose(String title, List<T> items, Function<T, String> label, int defaultIndex) {
		console.say(title);
		int page = (defaultIndex >= 0) ? defaultIndex / PAGE : 0;
		int pages = (items.size() + PAGE - 1) / PAGE;
		show(items, label, page, pages);
		String fallback = (defaultIndex >= 0) ? String.valueOf(defaultIndex + 1) : null;
		String range = "1-" + items.size() + ((pages > 1) ? ", n = next page, p = previous page" : "");
		while (true) {
			String answer = console.ask("Choose (" + range + ")", fallback);
			if (pages > 1 && (answer.equalsIgnoreCase("n") || answer.equalsIgnoreCase("p"))) {
				page = Math.floorMod(page + (answer.equalsIgnoreCase("n") ? 1 : -1), pages);
				show(items, label, page, pages);
				continue;
			}
			try {
				int n = Integer.parseInt(answer);
				if (n >= 1 && n <= items.size()) {
					return items.get(n - 1);
				}
			}
			catch (NumberFormatException ex) {
				// Asked again below.
			}
			console.say("  '" + answer + "' is not one of the choices; enter a number from 1 to " + items.size() + ".");
		}
	}

	private <T> void show(List<T> items, Function<T, String> label, int page, int pages) {
		for (int i = page * PAGE; i < Math.min(items.size(), (page + 1) * PAGE); i++) {
			console.say(String.format("  %2d) %s", i + 1, label.apply(items.get(i))));
		}
		if (pages > 1) {
			console.say("  (page " + (page + 1) + " of " + pages + ")");
		}
	}

}
