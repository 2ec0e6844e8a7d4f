package io.videostore.api;

import java.util.Map;

import io.videostore.system.ApiException;

/** 400 for a request parameter that cannot be used, naming it. */
public class BadParameterException extends ApiException {

	public BadParameterException(String parameter, String detail) {
		super(400, "Invalid parameter", parameter + ": " + detail, Map.of("parameter", parameter));
	}

}
