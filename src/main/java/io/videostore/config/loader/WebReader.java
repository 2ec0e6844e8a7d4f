package io.videostore.config.loader;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import io.videostore.config.WebConfig;

/** Reads {@code web.users: [{name, password}]}. */
final class WebReader {

	/** What {@code --hash-password} prints: a bcrypt hash with Spring's prefix. */
	private static final Pattern BCRYPT = Pattern.compile("\\{bcrypt}\\$2[aby]?\\$\\d\\d\\$[./A-Za-z0-9]{53}");

	private WebReader() {
	}

	static WebConfig read(YamlMap web, ConfigContext context) {
		List<WebConfig.User> users = new ArrayList<>();
		Set<String> names = new HashSet<>();
		List<YamlValue> entries = web.fileValue("users")
			.map((value) -> value.items("a list of {name, password}"))
			.orElse(List.of());
		for (YamlValue entry : entries) {
			YamlMap map = entry.map("a map with name and password");
			YamlValue nameValue = map.value("name").orElseThrow(() -> map.missing("name", "the login name"));
			String name = nameValue.string().strip();
			if (name.isEmpty() || name.contains(":") || name.chars().anyMatch(Character::isISOControl)) {
				throw nameValue.error("a login name without ':' or control characters");
			}
			if (!names.add(name)) {
				throw nameValue.error("a name not used by another user");
			}
			YamlValue passwordValue = map.value("password")
				.orElseThrow(() -> map.missing("password", "a {bcrypt} hash (java -jar app.jar --hash-password)"));
			String password = passwordValue.string();
			if (password.isEmpty()) {
				throw passwordValue.error("a {bcrypt} hash or a password");
			}
			if (password.startsWith("{bcrypt}") && !BCRYPT.matcher(password).matches()) {
				throw passwordValue.error("a whole {bcrypt} hash as --hash-password prints it");
			}
			WebConfig.User user = new WebConfig.User(name, password);
			if (user.plainText()) {
				context.warn(passwordValue.where() + ": the password of web user '" + name
						+ "' is plain text; store a hash instead: java -jar app.jar --hash-password");
			}
			users.add(user);
			map.warnUnread();
		}
		web.warnUnread();
		return new WebConfig(users);
	}

}
