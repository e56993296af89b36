package dev.rampart.identity.internal;

import java.util.Map;

import com.nimbusds.jose.jwk.JWKSet;

/** The JSON Web Key Set of the public signing keys, as served at {@code /.well-known/jwks.json}. */
public final class JwksPublisher {

	private final SigningKeys keys;

	JwksPublisher(SigningKeys keys) {
		this.keys = keys;
	}

	public Map<String, Object> jwks() {
		return new JWKSet(keys.published().stream().map(key -> (com.nimbusds.jose.jwk.JWK) key).toList()).toJSONObject(true);
	}
}
