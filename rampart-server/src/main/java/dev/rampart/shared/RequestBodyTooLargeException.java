package dev.rampart.shared;

import java.io.IOException;

/**
 * Thrown while reading a request body that exceeds the configured limit. It is an
 * {@link IOException} so that it travels through message converters like any read failure and is
 * answered with {@link ErrorCode#PAYLOAD_TOO_LARGE}.
 */
public class RequestBodyTooLargeException extends IOException {

	private final long limitBytes;

	public RequestBodyTooLargeException(long limitBytes) {
		super("request body exceeds " + limitBytes + " bytes");
		this.limitBytes = limitBytes;
	}

	public long limitBytes() {
		return limitBytes;
	}
}
