package io.videostore.ixon.data;

/**
 * A logged tag of an agent: the logging rule for one variable.
 *
 * @param publicId its IXON publicId
 * @param tagId the number {@code POST /data} also addresses it by
 * @param name its name
 * @param slug the name {@code POST /data} addresses it by within its source
 * @param sourceId the publicId of its data source
 * @param logEvent {@code interval}, {@code change} or {@code trigger} (empty when IXON
 * did not say)
 * @param variableId the publicId of its variable
 * @param variableName the variable's name
 * @param unit the variable's unit, or empty
 * @param type the variable's type: {@code bool}, {@code int}, {@code float} or
 * {@code str} (empty when IXON did not say)
 */
public record DataTag(String publicId, long tagId, String name, String slug, String sourceId, String logEvent,
		String variableId, String variableName, String unit, String type) {
}
