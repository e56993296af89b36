package dev.rampart.secrets;

/** KEK versions below {@code minDecryptionVersion} are no longer unwrapped; caches of unwrapped keys are dropped. */
public record KeyVersionsRetired(String backend, int minDecryptionVersion) {
}
