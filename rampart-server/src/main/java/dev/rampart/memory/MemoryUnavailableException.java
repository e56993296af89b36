package dev.rampart.memory;

import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.RampartException;
import org.jspecify.annotations.Nullable;

/**
 * The embedding model or the vector index could not serve a save or a search. Retryable; the agent step pipeline
 * catches it, continues without memories and emits a {@code degraded} event.
 */
public class MemoryUnavailableException extends RampartException {

	public MemoryUnavailableException(String technicalDetails, @Nullable Throwable cause) {
		super(ErrorCode.MEMORY_UNAVAILABLE, technicalDetails, null, cause);
	}
}
