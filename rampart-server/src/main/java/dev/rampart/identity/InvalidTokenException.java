package dev.rampart.identity;

import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.RampartException;

/**
 * A token that is malformed, forged, expired, not yet valid or not meant for Rampart. The client
 * learns only whether it expired; the precise reason is for the logs ({@link #reason()}).
 */
public class InvalidTokenException extends RampartException {

	private final String reason;

	public InvalidTokenException(String reason, boolean expired) {
		this(reason, expired, "access token");
	}

	/** @param kind what the client sent, as it reads in the message: {@code access token} or {@code refresh token} */
	public InvalidTokenException(String reason, boolean expired, String kind) {
		super(ErrorCode.TOKEN_INVALID, expired ? "The " + kind + " has expired." : "The " + kind + " is not valid.");
		this.reason = reason;
	}

	public String reason() {
		return reason;
	}
}
