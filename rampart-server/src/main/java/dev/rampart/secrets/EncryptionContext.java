package dev.rampart.secrets;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import dev.rampart.shared.TenantId;

/**
 * Where a ciphertext lives: tenant, table, column and row id. It is bound to the ciphertext as
 * associated data, so a value copied into another tenant's row, another column or another row no
 * longer decrypts. Pass exactly the same context to decrypt as to encrypt.
 */
public record EncryptionContext(TenantId tenant, String table, String column, String rowId) {

	private static final byte[] DOMAIN = "rampart/aad/1".getBytes(StandardCharsets.UTF_8);

	public static EncryptionContext of(TenantId tenant, String table, String column, Object rowId) {
		return new EncryptionContext(tenant, table, column, rowId.toString());
	}

	/** The canonical, unambiguous byte form: every field is length-prefixed. */
	public byte[] toAssociatedData() {
		ByteArrayOutputStream out = new ByteArrayOutputStream(64 + table.length() + column.length() + rowId.length());
		out.writeBytes(DOMAIN);
		out.writeBytes(ByteBuffer.allocate(16)
			.putLong(tenant.value().getMostSignificantBits())
			.putLong(tenant.value().getLeastSignificantBits())
			.array());
		for (String field : new String[] { table, column, rowId }) {
			byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
			out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
			out.writeBytes(bytes);
		}
		return out.toByteArray();
	}
}
