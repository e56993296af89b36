package dev.rampart.shared;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * An error Rampart reports to a client as problem+json. {@code technicalDetails} is sent to the
 * client, so callers must put in it only what is safe to show: never SQL, stack traces, library
 * exception messages or secrets.
 */
public class RampartException extends RuntimeException {

	private final ErrorCode code;
	private final String technicalDetails;
	private final @Nullable Duration estimatedRecoveryTime;

	public RampartException(ErrorCode code, String technicalDetails) {
		this(code, technicalDetails, null, null);
	}

	public RampartException(ErrorCode code, String technicalDetails, @Nullable Duration estimatedRecoveryTime,
			@Nullable Throwable cause) {
		super(code + ": " + technicalDetails, cause);
		this.code = code;
		this.technicalDetails = technicalDetails;
		this.estimatedRecoveryTime = estimatedRecoveryTime;
	}

	public ErrorCode code() {
		return code;
	}

	public String technicalDetails() {
		return technicalDetails;
	}

	public @Nullable Duration estimatedRecoveryTime() {
		return estimatedRecoveryTime;
	}
}
