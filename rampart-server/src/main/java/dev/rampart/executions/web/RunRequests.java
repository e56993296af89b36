package dev.rampart.executions.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import java.util.regex.Pattern;

import dev.rampart.executions.internal.JdbcRuns;
import dev.rampart.shared.InvalidFieldsException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every endpoint that starts a run shares (agent runs, workflow runs, thread messages): the {@code Idempotency-Key}
 * header's shape, the hash that decides whether two requests are "the same" for a key, and the answer — {@code 202}
 * for a new run, {@code 200} for the run an earlier request with the key created, both with its {@code Location}.
 */
final class RunRequests {

	private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");

	private RunRequests() {
	}

	/** Refuses a key that is not 1 to 255 visible ASCII characters; none is fine. */
	static void checkKey(@Nullable String key) {
		if (key != null && !KEY.matcher(key).matches()) {
			throw new InvalidFieldsException("Idempotency-Key", "must be 1 to 255 visible ASCII characters");
		}
	}

	/** The target ({@code agent}, {@code workflow}, {@code thread} and its id) and every field of the body as sent. */
	static String hash(JsonMapper json, String kind, UUID target, Object body) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			digest.update((kind + ":" + target + "\n").getBytes(StandardCharsets.UTF_8));
			digest.update(json.writeValueAsBytes(body));
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every JVM has SHA-256", ex);
		}
	}

	static ResponseEntity<RunView> answer(JdbcRuns.Enqueued enqueued) {
		RunView view = RunView.of(enqueued.run());
		URI location = URI.create("/api/v1/runs/" + view.id());
		return enqueued.created() ? ResponseEntity.status(HttpStatus.ACCEPTED).location(location).body(view)
				: ResponseEntity.ok().location(location).body(view);
	}
}
