package dev.rampart.identity.internal;

import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.rampart.identity.AccessClaims;
import dev.rampart.identity.AccessTokens;
import dev.rampart.identity.InvalidTokenException;
import dev.rampart.identity.TokenProperties;
import dev.rampart.shared.TenantId;
import dev.rampart.shared.UuidV7;

/**
 * {@link AccessTokens} with Nimbus JOSE. Every check that does not need the key runs before the
 * signature; the claims are read only from a token whose signature verified.
 */
final class JwtAccessTokens implements AccessTokens {

	static final JOSEObjectType ACCESS_TOKEN = new JOSEObjectType("at+jwt");
	static final String TENANT_CLAIM = "tid";

	private final SigningKeys keys;
	private final TokenProperties properties;
	private final Clock clock;
	private final Map<String, JWSVerifier> verifiers = new ConcurrentHashMap<>();

	JwtAccessTokens(SigningKeys keys, TokenProperties properties, Clock clock) {
		this.keys = keys;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public Issued issue(String subject, TenantId tenant) {
		SigningKeys.SigningKey key = keys.current();
		Instant now = clock.instant();
		Instant expires = now.plus(properties.accessTokenTtl());
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(properties.issuer())
			.audience(properties.audience())
			.subject(subject)
			.claim(TENANT_CLAIM, tenant.toString())
			.issueTime(Date.from(now))
			.notBeforeTime(Date.from(now))
			.expirationTime(Date.from(expires))
			.jwtID(UuidV7.next(clock).toString())
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.kid()).type(ACCESS_TOKEN).build(),
				claims);
		try {
			jwt.sign(new ECDSASigner(key.privateKey()));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("signing an access token failed", ex);
		}
		return new Issued(jwt.serialize(), expires);
	}

	@Override
	public AccessClaims verify(String token) {
		SignedJWT jwt;
		try {
			jwt = SignedJWT.parse(token);
		}
		catch (ParseException | RuntimeException ex) {
			throw invalid("not a signed JWT");
		}
		JWSHeader header = jwt.getHeader();
		if (!JWSAlgorithm.ES256.equals(header.getAlgorithm())) {
			throw invalid("algorithm " + header.getAlgorithm() + " is not allowed");
		}
		if (!ACCESS_TOKEN.equals(header.getType())) {
			throw invalid("token type " + header.getType() + " is not an access token");
		}
		String kid = header.getKeyID();
		if (kid == null) {
			throw invalid("no kid");
		}
		SigningKeys.SigningKey key = keys.find(kid).orElseThrow(() -> invalid("unknown kid " + kid));
		try {
			if (!jwt.verify(verifiers.computeIfAbsent(kid, k -> verifier(key)))) {
				throw invalid("bad signature");
			}
			return claims(jwt.getJWTClaimsSet());
		}
		catch (JOSEException | ParseException ex) {
			throw invalid("unverifiable: " + ex.getClass().getSimpleName());
		}
	}

	private AccessClaims claims(JWTClaimsSet claims) {
		Instant now = clock.instant();
		if (!properties.issuer().equals(claims.getIssuer())) {
			throw invalid("wrong issuer");
		}
		if (claims.getAudience() == null || !claims.getAudience().contains(properties.audience())) {
			throw invalid("wrong audience");
		}
		Date expires = claims.getExpirationTime();
		if (expires == null || !now.isBefore(expires.toInstant().plus(properties.clockSkew()))) {
			throw new InvalidTokenException("expired", true);
		}
		Date notBefore = claims.getNotBeforeTime();
		if (notBefore != null && now.plus(properties.clockSkew()).isBefore(notBefore.toInstant())) {
			throw invalid("not yet valid");
		}
		Object tenant = claims.getClaim(TENANT_CLAIM);
		if (claims.getSubject() == null || !(tenant instanceof String tenantId) || claims.getJWTID() == null
				|| claims.getIssueTime() == null) {
			throw invalid("missing claims");
		}
		try {
			return new AccessClaims(claims.getSubject(), TenantId.of(tenantId), claims.getJWTID(),
					claims.getIssueTime().toInstant(), expires.toInstant());
		}
		catch (IllegalArgumentException ex) {
			throw invalid("malformed tenant");
		}
	}

	private static JWSVerifier verifier(SigningKeys.SigningKey key) {
		try {
			return new ECDSAVerifier(key.publicKey());
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("signing key " + key.kid() + " is not a P-256 key", ex);
		}
	}

	private static InvalidTokenException invalid(String reason) {
		return new InvalidTokenException(reason, false);
	}
}
