package dev.rampart.secrets.internal.vault;

import java.util.Map;

import dev.rampart.secrets.KeyServiceUnavailableException;
import org.jspecify.annotations.Nullable;
import org.springframework.vault.VaultException;
import org.springframework.vault.core.VaultTemplate;
import org.springframework.vault.support.VaultResponse;
import org.springframework.web.client.HttpStatusCodeException;
import org.springframework.web.client.RestClientException;

/**
 * Vault requests through one {@link VaultTemplate}, and the one place that turns their failures into
 * the secrets module's exceptions: every failure becomes {@link KeyServiceUnavailableException},
 * except a 400 answer to {@link #writeOrReject}, which becomes {@link Rejected} for the caller to
 * interpret. Technical details name the Vault path and status only, never the token, a payload or
 * Vault's own error text (that stays in the cause, for the logs).
 */
final class VaultCalls {

	private final VaultTemplate template;

	VaultCalls(VaultTemplate template) {
		this.template = template;
	}

	/** The {@code data} of the response, or null when Vault has nothing at {@code path} (404). */
	@Nullable Map<String, Object> read(String path) {
		try {
			VaultResponse response = template.read(path);
			return response == null ? null : response.getData();
		}
		catch (VaultException | RestClientException ex) {
			throw unavailable(path, ex);
		}
	}

	/** The {@code data} of the response, or null when Vault answered without a body (204). */
	@Nullable Map<String, Object> write(String path, @Nullable Map<String, ?> body) {
		try {
			return doWrite(path, body);
		}
		catch (VaultException | RestClientException ex) {
			throw unavailable(path, ex);
		}
	}

	/** Like {@link #write}, but a 400 answer throws {@link Rejected}. */
	@Nullable Map<String, Object> writeOrReject(String path, @Nullable Map<String, ?> body) {
		try {
			return doWrite(path, body);
		}
		catch (VaultException | RestClientException ex) {
			throw status(ex) == 400 ? new Rejected(path, ex) : unavailable(path, ex);
		}
	}

	/** Deletes {@code path}; Vault answers the same whether or not something was there. */
	void delete(String path) {
		try {
			template.delete(path);
		}
		catch (VaultException | RestClientException ex) {
			throw unavailable(path, ex);
		}
	}

	private @Nullable Map<String, Object> doWrite(String path, @Nullable Map<String, ?> body) {
		VaultResponse response = template.write(path, body);
		return response == null ? null : response.getData();
	}

	static KeyServiceUnavailableException unavailable(String path, RuntimeException ex) {
		int status = status(ex);
		String detail = switch (status) {
			case -1 -> "Vault could not be reached for " + path + ": the connection was refused, failed or timed out.";
			case 400 -> "Vault rejected the request to " + path
					+ " as invalid (HTTP 400): check the secrets engine mounted there and its configuration.";
			case 401, 403 -> "Vault denied " + path + " (HTTP " + status
					+ "): the token lacks a policy that grants this path, or it has expired or been revoked.";
			case 404 -> "Vault has nothing at " + path + " (HTTP 404): check that the secrets engine is mounted there.";
			case 429 -> "Vault is rate-limiting requests to " + path + " (HTTP 429).";
			case 503 -> "Vault answered HTTP 503 to " + path + ": it may be sealed, in standby or overloaded.";
			default -> "Vault answered HTTP " + status + " to " + path + ".";
		};
		return new KeyServiceUnavailableException(detail, ex);
	}

	private static int status(Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (t instanceof HttpStatusCodeException http) {
				return http.getStatusCode().value();
			}
		}
		return -1;
	}

	/** Vault refused the request as invalid (HTTP 400); what that means depends on the call. */
	static final class Rejected extends RuntimeException {

		Rejected(String path, Throwable cause) {
			super("Vault rejected the request to " + path + " (HTTP 400)", cause);
		}
	}
}
