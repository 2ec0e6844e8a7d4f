package io.videostore.ixon;

import java.net.URI;

/**
 * One IXON API call, without its credential (that is added per attempt and never kept
 * here).
 *
 * @param method HTTP method
 * @param uri absolute URL, query included
 * @param company {@code Api-Company} value for company-scoped calls, else null
 * @param body JSON body, or null
 * @param what what the call does, for messages ("listing the devices of company 1111-…")
 * @param login true for the token request itself (a 401 means bad credentials, not an
 * expired token)
 */
record IxonRequest(String method, URI uri, String company, String body, String what, boolean login) {

	static IxonRequest get(URI uri, String company, String what) {
		return new IxonRequest("GET", uri, company, null, what, false);
	}

	static IxonRequest post(URI uri, String company, String body, String what) {
		return new IxonRequest("POST", uri, company, body, what, false);
	}

	IxonRequest withBody(String newBody) {
		return new IxonRequest(method, uri, company, newBody, what, login);
	}

}
