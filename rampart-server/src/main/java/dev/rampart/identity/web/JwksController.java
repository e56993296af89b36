package dev.rampart.identity.web;

import java.time.Duration;
import java.util.Map;

import dev.rampart.identity.internal.JwksPublisher;
import dev.rampart.shared.PublicEndpoint;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /.well-known/jwks.json}: the public keys that verify Rampart's access tokens. Public by design. */
@PublicEndpoint("public keys, meant for anyone who verifies Rampart's tokens")
@RestController
class JwksController {

	private final JwksPublisher jwks;

	JwksController(JwksPublisher jwks) {
		this.jwks = jwks;
	}

	@GetMapping(value = "/.well-known/jwks.json", produces = "application/jwk-set+json")
	ResponseEntity<Map<String, Object>> jwks() {
		// Short enough that clients see a new key well before tokens signed by it are common.
		return ResponseEntity.ok().cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic()).body(jwks.jwks());
	}
}
