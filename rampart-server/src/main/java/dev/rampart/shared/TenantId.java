package dev.rampart.shared;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The tenant a row, a key or a request belongs to. {@link #PLATFORM} owns what is not any tenant's
 * (signing keys, blind-index keys); {@link #DEFAULT} is the tenant every request acts in until
 * authentication (#4) puts the tenant in the access token. In JSON it is the bare UUID string.
 */
public record TenantId(@JsonValue UUID value) {

	public static final TenantId PLATFORM = new TenantId(new UUID(0L, 0L));

	public static final TenantId DEFAULT = new TenantId(UUID.fromString("00000000-0000-7000-8000-000000000001"));

	@JsonCreator
	public static TenantId of(String value) {
		return new TenantId(UUID.fromString(value));
	}

	@Override
	public String toString() {
		return value.toString();
	}
}
