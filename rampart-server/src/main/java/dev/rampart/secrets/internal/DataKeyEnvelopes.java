package dev.rampart.secrets.internal;

import java.nio.ByteBuffer;
import java.util.UUID;

import javax.crypto.AEADBadTagException;

import dev.rampart.secrets.EncryptionContext;
import dev.rampart.secrets.EnvelopeEncryption;
import dev.rampart.secrets.KeyPurpose;
import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.RampartException;

/**
 * {@link EnvelopeEncryption} over {@link DataKeys}. Layout: {@code 0x01 | data key id (16) | nonce (12)
 * | ciphertext | tag (16)}; the associated data is the format byte and key id followed by the
 * {@link EncryptionContext}, so neither the key reference nor the context can be swapped.
 */
final class DataKeyEnvelopes implements EnvelopeEncryption {

	static final byte FORMAT = 1;
	static final int HEADER_BYTES = 1 + 16;

	private final DataKeys keys;

	DataKeyEnvelopes(DataKeys keys) {
		this.keys = keys;
	}

	@Override
	public byte[] encrypt(KeyPurpose purpose, EncryptionContext context, byte[] plaintext) {
		DataKeys.Lease lease = keys.lease(context.tenant(), purpose);
		byte[] header = header(lease.id());
		return Aes256Gcm.seal(lease.key(), header, associatedData(header, context), plaintext);
	}

	@Override
	public byte[] decrypt(EncryptionContext context, byte[] ciphertext) {
		if (ciphertext.length < HEADER_BYTES + Aes256Gcm.NONCE_BYTES + Aes256Gcm.TAG_BYTES || ciphertext[0] != FORMAT) {
			throw new RampartException(ErrorCode.DECRYPTION_FAILED, "The stored value is not a Rampart ciphertext.");
		}
		ByteBuffer buffer = ByteBuffer.wrap(ciphertext, 1, 16);
		UUID keyId = new UUID(buffer.getLong(), buffer.getLong());
		byte[] header = java.util.Arrays.copyOf(ciphertext, HEADER_BYTES);
		try {
			return Aes256Gcm.open(keys.key(keyId, context.tenant()), ciphertext, HEADER_BYTES, associatedData(header, context));
		}
		catch (AEADBadTagException ex) {
			throw new RampartException(ErrorCode.DECRYPTION_FAILED,
					"The ciphertext was altered or does not belong to this tenant, table, column and row.");
		}
	}

	/** The id of the data key in the header of a ciphertext this class wrote. */
	static UUID keyId(byte[] ciphertext) {
		ByteBuffer buffer = ByteBuffer.wrap(ciphertext, 1, 16);
		return new UUID(buffer.getLong(), buffer.getLong());
	}

	private static byte[] header(UUID keyId) {
		return ByteBuffer.allocate(HEADER_BYTES)
			.put(FORMAT)
			.putLong(keyId.getMostSignificantBits())
			.putLong(keyId.getLeastSignificantBits())
			.array();
	}

	private static byte[] associatedData(byte[] header, EncryptionContext context) {
		byte[] contextBytes = context.toAssociatedData();
		byte[] all = new byte[header.length + contextBytes.length];
		System.arraycopy(header, 0, all, 0, header.length);
		System.arraycopy(contextBytes, 0, all, header.length, contextBytes.length);
		return all;
	}
}
