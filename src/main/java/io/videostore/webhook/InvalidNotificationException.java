package io.videostore.webhook;

import java.util.Map;

import io.videostore.system.ApiException;

/**
 * A webhook body that is not a usable Cloud Notify message: answered 400 naming the
 * field.
 */
class InvalidNotificationException extends ApiException {

	InvalidNotificationException(String field, String detail) {
		super(400, "Invalid Cloud Notify message", detail, Map.of("field", field));
	}

}
