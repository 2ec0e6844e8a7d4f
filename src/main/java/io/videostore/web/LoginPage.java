package io.videostore.web;

import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.util.HtmlUtils;

/**
 * The login form: one small page written here rather than a template engine for a single
 * form; every value in it is escaped.
 */
final class LoginPage {

	private LoginPage() {
	}

	static String html(CsrfToken csrf, boolean failed, boolean loggedOut) {
		String message = failed ? "<p class=\"notice error\" role=\"alert\">Wrong name or password.</p>"
				: loggedOut ? "<p class=\"notice\" role=\"status\">You are logged out.</p>" : "";
		return """
				<!doctype html>
				<html lang="en">
				<head>
				<meta charset="utf-8">
				<meta name="viewport" content="width=device-width, initial-scale=1">
				<title>Log in · Video Store</title>
				<link rel="stylesheet" href="/css/app.css">
				</head>
				<body class="login">
				<main>
				<h1>Video Store</h1>
				%s
				<form method="post" action="/login">
				<label for="username">Name</label>
				<input id="username" name="username" autocomplete="username" required autofocus>
				<label for="password">Password</label>
				<input id="password" name="password" type="password" autocomplete="current-password" required>
				<input type="hidden" name="%s" value="%s">
				<button type="submit">Log in</button>
				</form>
				</main>
				</body>
				</html>
				""".formatted(message, HtmlUtils.htmlEscape(csrf.getParameterName()),
				HtmlUtils.htmlEscape(csrf.getToken()));
	}

}
