package dev.rampart.identity.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;
import java.util.function.Consumer;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.rampart.MovableClock;
import dev.rampart.ServerTest;
import dev.rampart.identity.AccessClaims;
import dev.rampart.identity.AccessTokens;
import dev.rampart.identity.InvalidTokenException;
import dev.rampart.identity.TokenProperties;
import dev.rampart.secrets.EnvelopeEncryption;
import dev.rampart.shared.TenantId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Access tokens against real signing keys in PostgreSQL, with a clock the test moves. Each test
 * starts at its own instant, far from the others, so their keys never meet.
 */
@ServerTest
class AccessTokensIT {

	private static final TenantId TENANT = TenantId.of("0190a000-0000-7000-8000-0000000000ee");
	private static final TokenProperties PROPERTIES = new TokenProperties("rampart", "rampart-api", Duration.ofMinutes(10),
			Duration.ofSeconds(30), Duration.ofDays(30));

	private final JdbcClient jdbc;
	private final EnvelopeEncryption encryption;
	private final PlatformTransactionManager transactions;

	@Autowired
	AccessTokensIT(JdbcClient jdbc, EnvelopeEncryption encryption, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.encryption = encryption;
		this.transactions = transactions;
	}

	private MovableClock clock;
	private SigningKeys keys;
	private JwtAccessTokens tokens;

	@BeforeEach
	void tokens() {
		clock = new MovableClock(Instant.parse("2031-01-01T00:00:00Z").plus(Duration.ofDays(400L * (long) (Math.random() * 1000))));
		keys = new SigningKeys(jdbc, encryption, PROPERTIES, clock, transactions);
		tokens = new JwtAccessTokens(keys, PROPERTIES, clock, 100);
	}

	@Test
	void anIssuedTokenVerifiesWithItsClaims() {
		AccessTokens.Issued issued = tokens.issue("user-1", TENANT);

		AccessClaims claims = tokens.verify(issued.token());

		assertThat(claims.subject()).isEqualTo("user-1");
		assertThat(claims.tenant()).isEqualTo(TENANT);
		assertThat(claims.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(10)));
		assertThat(issued.token().split("\\.")).hasSize(3);
	}

	@Test
	void aVerifiedTokenIsNotVerifiedAgainUntilItsExpiryAndThenInFullWithinTheLeeway() {
		String token = tokens.issue("user-1", TENANT).token();

		for (int i = 0; i < 3; i++) {
			assertThat(tokens.verify(token).subject()).isEqualTo("user-1");
		}
		assertThat(tokens.fullVerifications()).isEqualTo(1);

		clock.advance(Duration.ofMinutes(10).plusSeconds(1));
		assertThat(tokens.verify(token).subject()).isEqualTo("user-1");
		assertThat(tokens.verify(token).subject()).isEqualTo("user-1");
		assertThat(tokens.fullVerifications()).isEqualTo(3);
	}

	@Test
	void aTokenThatFailsVerificationIsNeverRemembered() throws Exception {
		ECKey attacker = new ECKeyGenerator(Curve.P_256).generate();
		String forged = sign(attacker, keys.current().kid(), JwtAccessTokens.ACCESS_TOKEN, validClaims());

		assertInvalid(forged, "bad signature");
		assertInvalid(forged, "bad signature");

		assertThat(tokens.fullVerifications()).isEqualTo(2);
	}

	@Test
	void withoutACacheEveryTokenIsVerifiedInFull() {
		JwtAccessTokens uncached = new JwtAccessTokens(keys, PROPERTIES, clock, 0);
		String token = uncached.issue("user-1", TENANT).token();

		uncached.verify(token);
		uncached.verify(token);

		assertThat(uncached.fullVerifications()).isEqualTo(2);
	}

	@Test
	void anUnsignedTokenWithAlgNoneIsRejected() {
		String payload = tokens.issue("user-1", TENANT).token().split("\\.")[1];
		String none = b64("{\"alg\":\"none\",\"typ\":\"at+jwt\"}") + "." + payload + ".";

		assertInvalid(none, "not a signed JWT");
	}

	@Test
	void aTokenSignedWithHs256UsingThePublicKeyAsSecretIsRejected() throws Exception {
		String kid = keys.current().kid();
		byte[] publicKeyAsSecret = keys.current().publicKey().toJSONString().getBytes(StandardCharsets.UTF_8);
		SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(kid)
			.type(JwtAccessTokens.ACCESS_TOKEN).build(), validClaims().build());
		forged.sign(new MACSigner(publicKeyAsSecret));

		assertInvalid(forged.serialize(), "algorithm HS256 is not allowed");
	}

	@Test
	void aTokenSignedByAnotherKeyUnderAKnownKidIsRejected() throws Exception {
		ECKey attacker = new ECKeyGenerator(Curve.P_256).generate();

		assertInvalid(sign(attacker, keys.current().kid(), JwtAccessTokens.ACCESS_TOKEN, validClaims()), "bad signature");
	}

	@Test
	void anUnknownKidIsRejected() throws Exception {
		ECKey attacker = new ECKeyGenerator(Curve.P_256).generate();

		assertInvalid(sign(attacker, "no-such-kid", JwtAccessTokens.ACCESS_TOKEN, validClaims()), "unknown kid no-such-kid");
	}

	@Test
	void anAlteredPayloadIsRejected() {
		String[] parts = tokens.issue("user-1", TENANT).token().split("\\.");
		String altered = b64(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
			.replace("user-1", "admin"));

		assertInvalid(parts[0] + "." + altered + "." + parts[2], "bad signature");
	}

	@Test
	void anExpiredTokenIsRejectedAfterTheLeewayAndSaysSo() {
		String token = tokens.issue("user-1", TENANT).token();

		clock.advance(Duration.ofMinutes(10).plusSeconds(29));
		assertThat(tokens.verify(token).subject()).isEqualTo("user-1");

		clock.advance(Duration.ofSeconds(2));
		assertThatThrownBy(() -> tokens.verify(token)).isInstanceOfSatisfying(InvalidTokenException.class, e -> {
			assertThat(e.reason()).isEqualTo("expired");
			assertThat(e.technicalDetails()).isEqualTo("The access token has expired.");
		});
	}

	@Test
	void aTokenNotYetValidIsRejected() throws Exception {
		JWTClaimsSet.Builder claims = validClaims().notBeforeTime(Date.from(clock.instant().plus(Duration.ofMinutes(2))));

		assertInvalid(sign(keys.current().privateKey(), keys.current().kid(), JwtAccessTokens.ACCESS_TOKEN, claims),
				"not yet valid");
	}

	@Test
	void wrongIssuerOrAudienceIsRejected() throws Exception {
		ECKey key = keys.current().privateKey();
		String kid = keys.current().kid();

		assertInvalid(sign(key, kid, JwtAccessTokens.ACCESS_TOKEN, validClaims().issuer("someone-else")), "wrong issuer");
		assertInvalid(sign(key, kid, JwtAccessTokens.ACCESS_TOKEN, validClaims().audience("other-api")), "wrong audience");
	}

	@Test
	void aTokenOfAnotherTypeOrAnOpaqueRefreshTokenIsNotAnAccessToken() throws Exception {
		ECKey key = keys.current().privateKey();

		assertInvalid(sign(key, keys.current().kid(), JOSEObjectType.JWT, validClaims()), "token type JWT is not an access token");
		assertInvalid(Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32]), "not a signed JWT");
	}

	@Test
	void rotationSignsWithANewKeyWhileTheOldOneVerifiesUntilItsTokensExpire() {
		String oldKid = keys.current().kid();
		clock.advance(Duration.ofDays(30).minusMinutes(1));
		String signedByOld = tokens.issue("user-1", TENANT).token();

		clock.advance(Duration.ofMinutes(2));
		String newKid = keys.current().kid();

		assertThat(newKid).isNotEqualTo(oldKid);
		assertThat(tokens.verify(signedByOld).subject()).isEqualTo("user-1");
		assertThat(kids()).contains(oldKid, newKid);

		clock.advance(PROPERTIES.verificationOverlap().plusSeconds(61));
		assertThat(kids()).contains(newKid).doesNotContain(oldKid);
		assertThatThrownBy(() -> tokens.verify(signedByOld)).isInstanceOf(InvalidTokenException.class);
	}

	@Test
	void privateKeysAreStoredOnlyEncrypted() {
		String kid = keys.current().kid();
		String d = keys.current().privateKey().getD().toString();

		byte[] stored = jdbc.sql("select private_jwk from signing_keys where kid = :kid").param("kid", kid).query(byte[].class).single();
		String publicJwk = jdbc.sql("select public_jwk from signing_keys where kid = :kid").param("kid", kid).query(String.class).single();

		assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(d);
		assertThat(publicJwk).doesNotContain(d).doesNotContain("\"d\"");
	}

	private java.util.List<String> kids() {
		return new JwksPublisher(keys).jwks().get("keys") instanceof java.util.List<?> list
				? list.stream().map(k -> (String) ((java.util.Map<?, ?>) k).get("kid")).toList() : java.util.List.of();
	}

	private JWTClaimsSet.Builder validClaims() {
		Instant now = clock.instant();
		return new JWTClaimsSet.Builder().issuer("rampart").audience("rampart-api").subject("user-1")
			.claim("tid", TENANT.toString()).issueTime(Date.from(now)).notBeforeTime(Date.from(now))
			.expirationTime(Date.from(now.plus(Duration.ofMinutes(10)))).jwtID(UUID.randomUUID().toString());
	}

	private static String sign(ECKey key, String kid, JOSEObjectType type, JWTClaimsSet.Builder claims) throws Exception {
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(kid).type(type).build(), claims.build());
		jwt.sign(new ECDSASigner(key));
		return jwt.serialize();
	}

	private void assertInvalid(String token, String reason) {
		assertThatThrownBy(() -> tokens.verify(token)).isInstanceOfSatisfying(InvalidTokenException.class, e -> {
			assertThat(e.reason()).isEqualTo(reason);
			assertThat(e.technicalDetails()).isEqualTo("The access token is not valid.");
		});
	}

	private static String b64(String json) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}
}
