package dev.rampart.identity.internal;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
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
import dev.rampart.shared.ClockTicker;
import dev.rampart.shared.TenantId;
import dev.rampart.shared.UuidV7;
import org.jspecify.annotations.Nullable;

/**
 * {@link AccessTokens} with Nimbus JOSE. Every check that does not need the key runs before the
 * signature; the claims are read only from a token whose signature verified. A token that verified
 * is remembered, by its SHA-256 and never in clear, until its {@code exp}, so a client sending the
 * same token again costs a hash instead of an ECDSA verification; a token that failed is never
 * remembered and is checked in full every time.
 */
final class JwtAccessTokens implements AccessTokens {

	static final JOSEObjectType ACCESS_TOKEN = new JOSEObjectType("at+jwt");
	static final String TENANT_CLAIM = "tid";

	private final SigningKeys keys;
	private final TokenProperties properties;
	private final Clock clock;
	private final Map<String, JWSVerifier> verifiers = new ConcurrentHashMap<>();
	private final @Nullable Cache<TokenHash, AccessClaims> verified;
	private final LongAdder fullVerifications = new LongAdder();

	/** @param verifiedCacheSize how many verified tokens to remember; 0 verifies every token in full */
	JwtAccessTokens(SigningKeys keys, TokenProperties properties, Clock clock, int verifiedCacheSize) {
		this.keys = keys;
		this.properties = properties;
		this.clock = clock;
		this.verified = verifiedCacheSize == 0 ? null : Caffeine.newBuilder()
			.maximumSize(verifiedCacheSize)
			.expireAfter(Expiry.creating((TokenHash key, AccessClaims claims) -> untilExpiry(claims)))
			.ticker(new ClockTicker(clock))
			.executor(Runnable::run)
			.build();
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
		if (verified == null) {
			return verifyFully(token);
		}
		TokenHash key = TokenHash.of(token);
		AccessClaims known = verified.getIfPresent(key);
		if (known != null && clock.instant().isBefore(known.expiresAt())) {
			return known;
		}
		AccessClaims claims = verifyFully(token);
		if (untilExpiry(claims).isPositive()) {
			verified.put(key, claims);
		}
		return claims;
	}

	/** Between {@code exp} and the end of the leeway a token still verifies, but in full each time. */
	private Duration untilExpiry(AccessClaims claims) {
		return Duration.between(clock.instant(), claims.expiresAt());
	}

	/** How many tokens were checked in full (signature and claims) since start, cache hits excluded. */
	long fullVerifications() {
		return fullVerifications.sum();
	}

	private AccessClaims verifyFully(String token) {
		fullVerifications.increment();
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
