package io.videostore.api;

import java.util.Map;

import io.videostore.system.ApiException;

/** 404 for an alarm, clip or camera that does not exist (or whose video is gone). */
class NotFoundException extends ApiException {

	NotFoundException(String what, Object id) {
		this(what, id, "no " + what + " " + id);
	}

	NotFoundException(String what, Object id, String detail) {
		super(404, "Not found", detail, Map.of(what, id));
	}

}
