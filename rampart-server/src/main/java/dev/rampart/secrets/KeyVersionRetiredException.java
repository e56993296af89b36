package dev.rampart.secrets;

import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.RampartException;

/** Something was wrapped under a KEK version below the minimum decryption version, so it is refused. */
public class KeyVersionRetiredException extends RampartException {

	public KeyVersionRetiredException(int version, int minDecryptionVersion) {
		super(ErrorCode.KEY_VERSION_RETIRED, "Key version " + version + " is below the minimum decryption version "
				+ minDecryptionVersion + ".");
	}
}
