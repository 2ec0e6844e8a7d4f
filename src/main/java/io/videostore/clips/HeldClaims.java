package io.videostore.clips;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fencing token of each job this instance claimed, by job id: the claim's generation
 * ({@code job.claim_token}) as the claiming statement returned it. A job's outcome and
 * clip are written only while the row still carries that token, in the same statement
 * ({@link Jobs#jobFinished}, {@link Clips#recordClip}): an instance that lost its claim
 * (it was paused, or cut off from the database, for longer than its lease) and whose job
 * another instance took over can no longer overwrite that instance's work.
 * <p>
 * Kept in memory, beside {@link JobClaims} and {@link IndexDb}, rather than carried by
 * every recording job: the token belongs to this index's own claims, and a job unknown
 * here (SQLite, one instance, where nobody else claims) is written unfenced.
 */
final class HeldClaims {

	private final Map<Long, Long> tokens = new ConcurrentHashMap<>();

	void held(long jobId, long token) {
		this.tokens.put(jobId, token);
	}

	OptionalLong token(long jobId) {
		Long token = this.tokens.get(jobId);
		return (token != null) ? OptionalLong.of(token) : OptionalLong.empty();
	}

	/** The jobs held now. */
	List<Long> ids() {
		return List.copyOf(this.tokens.keySet());
	}

	void ended(long jobId) {
		this.tokens.remove(jobId);
	}

}
