package io.videostore.clips.search;

import java.util.Locale;

/**
 * The order of a search's results: one field of a fixed list, ascending or descending,
 * then by id the same way. Only these fields' fixed column expressions ever reach the
 * SQL.
 *
 * @param field what to sort by
 * @param descending true for newest (or last) first
 */
public record AlarmOrder(Field field, boolean descending) {

	/** Newest first. */
	public static final AlarmOrder NEWEST = new AlarmOrder(Field.CREATED_ON, true);

	/** Fields to sort by, with their API names. */
	public enum Field {

		CREATED_ON("createdOn", "a.created_on"), RECEIVED_AT("receivedAt", "a.received_at"), ID("id", "a.id"),
		DEVICE("device", "COALESCE(a.device_name, '')"), TEXT("text", "COALESCE(a.short_content, '')"),
		LABEL("label", "COALESCE(a.system_label, '')");

		private final String apiName;

		private final String column;

		Field(String apiName, String column) {
			this.apiName = apiName;
			this.column = column;
		}

		public String apiName() {
			return this.apiName;
		}

		/**
		 * The field with this API name, any case.
		 * @throws IllegalArgumentException for any other
		 */
		public static Field of(String apiName) {
			for (Field f : values()) {
				if (f.apiName.toLowerCase(Locale.ROOT).equals(apiName.trim().toLowerCase(Locale.ROOT))) {
					return f;
				}
			}
			throw new IllegalArgumentException("cannot sort by '" + apiName + "'");
		}

	}

	/** The ORDER BY clause, ids breaking ties. */
	String sql() {
		String direction = this.descending ? " DESC" : " ASC";
		return " ORDER BY " + this.field.column + direction + ", a.id" + direction;
	}

	@Override
	public String toString() {
		return this.field.apiName + (this.descending ? ",desc" : ",asc");
	}

}
