package dev.rampart.secrets;

import java.time.Duration;

import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.RampartException;
import org.jspecify.annotations.Nullable;

/** The KEK backend (keyring file or Vault) could not be reached or refused the call; the operation may succeed later. */
public class KeyServiceUnavailableException extends RampartException {

	public KeyServiceUnavailableException(String technicalDetails, @Nullable Throwable cause) {
		super(ErrorCode.KEY_SERVICE_UNAVAILABLE, technicalDetails, Duration.ofSeconds(10), cause);
	}
}
