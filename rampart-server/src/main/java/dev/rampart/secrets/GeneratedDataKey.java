package dev.rampart.secrets;

/** A new data key: {@code plaintext} (32 bytes, to be wiped by the caller after use) and its wrapped form. */
public record GeneratedDataKey(byte[] plaintext, WrappedKey wrapped) {
}
