package io.videostore.clips.db;

import java.sql.SQLException;
import javax.sql.DataSource;

import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator;
import org.springframework.jdbc.support.SQLExceptionTranslator;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Gives SQLite errors Spring's usual exception types (Spring knows no SQLite error codes,
 * and the driver sets no SQL state); every other database's errors are translated as
 * usual.
 */
public class SqliteExceptionTranslator implements SQLExceptionTranslator {

	private final SQLExceptionTranslator others;

	public SqliteExceptionTranslator(DataSource dataSource) {
		this.others = new SQLErrorCodeSQLExceptionTranslator(dataSource);
	}

	@Override
	public DataAccessException translate(String task, String sql, SQLException ex) {
		if (ex instanceof SQLiteException sqlite) {
			// Extended codes (SQLITE_CONSTRAINT_FOREIGNKEY = 787) carry the primary code
			// in the low byte.
			int primary = sqlite.getResultCode().code & 0xff;
			String message = task + "; SQL [" + sql + "]; " + ex.getMessage();
			if (primary == SQLiteErrorCode.SQLITE_CONSTRAINT.code) {
				return new DataIntegrityViolationException(message, ex);
			}
			if (primary == SQLiteErrorCode.SQLITE_BUSY.code || primary == SQLiteErrorCode.SQLITE_LOCKED.code) {
				return new CannotAcquireLockException(message, ex);
			}
		}
		return this.others.translate(task, sql, ex);
	}

}
