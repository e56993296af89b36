package dev.rampart.gateway.threats;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

import dev.rampart.shared.TenantId;
import org.jspecify.annotations.Nullable;

/**
 * Deterministic simulated traffic of many tenants, minute by minute, for threat detection: normal
 * behaviour and, when asked, three attacks at fixed times. Normal principals are users (sparse,
 * office hours) and API keys (busier, some creating runs and spending tokens), each with its own
 * rate, resource set, error rates and token budget, and a daily curve; they sometimes get a 404 or
 * 403, sign in from their office address (now and then with a typo: 401), and sometimes send an
 * expired token (401 under their address, since such a request has no principal).
 *
 * <ul>
 * <li>Credential stuffing: {@link #STUFFING_ADDRESSES} new addresses each send 60-150 failed
 * sign-ins a minute, from minute {@link #STUFFING_AT}, for 15 minutes.</li>
 * <li>BOLA probing: an existing user walks 120-250 random object ids a minute (85% 404, 10% 403)
 * from minute {@link #BOLA_AT}, for 10 minutes.</li>
 * <li>Token spike: an existing API key spends 20-50 times its usual tokens from minute
 * {@link #SPIKE_AT}, for 20 minutes.</li>
 * </ul>
 */
final class TrafficGenerator {

	static final int BOLA_AT = 600;
	static final int BOLA_MINUTES = 10;
	static final int STUFFING_AT = 780;
	static final int STUFFING_MINUTES = 15;
	static final int STUFFING_ADDRESSES = 3;
	static final int SPIKE_AT = 960;
	static final int SPIKE_MINUTES = 20;

	enum Attack {
		CREDENTIAL_STUFFING, BOLA_PROBING, TOKEN_SPIKE
	}

	/** Where the traffic goes: the recorder in the evaluation. */
	interface Sink {

		void request(@Nullable TenantId tenant, String key, int status, String resource, long bytesOut, boolean runCreation);

		void tokens(TenantId tenant, String key, long tokens);
	}

	private record Principal(TenantId tenant, String key, String address, boolean apiKey, double rate, double activity,
			double notFound, double forbidden, double runShare, double tokensPerMinute, List<String> objects) {
	}

	private final SplittableRandom random;
	private final boolean attacks;
	private final List<Principal> principals = new ArrayList<>();
	private final Principal bolaProber;
	private final Principal spender;
	private final List<String> stuffers = new ArrayList<>();

	TrafficGenerator(long seed, int tenants, boolean attacks) {
		this.random = new SplittableRandom(seed);
		this.attacks = attacks;
		for (int t = 0; t < tenants; t++) {
			TenantId tenant = new TenantId(uuid());
			int offices = 1 + random.nextInt(3);
			int size = 4 + random.nextInt(11);
			List<String> objects = new ArrayList<>();
			for (int o = 0; o < 200; o++) {
				objects.add(uuid().toString());
			}
			for (int p = 0; p < size; p++) {
				boolean apiKey = random.nextDouble() < 0.3;
				String address = "203.0." + t + "." + (10 + random.nextInt(offices));
				List<String> own = new ArrayList<>();
				for (int o = 0; o < 5 + random.nextInt(30); o++) {
					own.add(objects.get(random.nextInt(objects.size())));
				}
				double runShare = apiKey ? (random.nextDouble() < 0.7 ? 0.05 + 0.2 * random.nextDouble() : 0)
						: (random.nextDouble() < 0.3 ? 0.02 + 0.05 * random.nextDouble() : 0);
				principals.add(new Principal(tenant, (apiKey ? "api-key:" : "user:") + uuid(), "address:" + address, apiKey,
						logNormal(apiKey ? 20 : 6, 0.7), apiKey ? 0.4 + 0.5 * random.nextDouble() : 0.1 + 0.3 * random.nextDouble(),
						0.005 + 0.03 * random.nextDouble(), 0.02 * random.nextDouble(), runShare,
						runShare > 0 ? logNormal(3000, 1.0) : 0, own));
			}
		}
		this.bolaProber = principals.stream().filter(p -> !p.apiKey()).skip(7).findFirst().orElseThrow();
		this.spender = principals.stream().filter(p -> p.apiKey() && p.runShare() > 0).skip(2).findFirst().orElseThrow();
		for (int i = 0; i < STUFFING_ADDRESSES; i++) {
			stuffers.add("address:198.51.100." + (20 + i));
		}
	}

	/** Emits the traffic of {@code minute} (0 is midnight of day one). */
	void minute(int minute, Sink out) {
		double day = daily(minute);
		for (Principal p : principals) {
			boolean probing = attacks && p == bolaProber && during(minute, BOLA_AT, BOLA_MINUTES);
			boolean spiking = attacks && p == spender && during(minute, SPIKE_AT, SPIKE_MINUTES);
			if (probing) {
				probe(p, out);
			}
			if (!spiking && random.nextDouble() >= p.activity() * day) {
				continue;
			}
			normalMinute(p, day, spiking, out);
		}
		if (attacks && during(minute, STUFFING_AT, STUFFING_MINUTES)) {
			for (String address : stuffers) {
				int attempts = 60 + random.nextInt(91);
				for (int i = 0; i < attempts; i++) {
					out.request(null, address, random.nextDouble() < 0.01 ? 200 : 401, "/api/v1/auth/login", 180, false);
				}
			}
		}
	}

	/** Which attack a window belongs to, or null for normal traffic. */
	@Nullable
	Attack attackOf(ClosedWindow window, int minute) {
		if (!attacks) {
			return null;
		}
		boolean tenantLevel = window.level() == Level.TENANT;
		if (during(minute, BOLA_AT, BOLA_MINUTES) && window.tenant().equals(bolaProber.tenant())
				&& (tenantLevel || window.key().equals(bolaProber.key()))) {
			return Attack.BOLA_PROBING;
		}
		if (during(minute, SPIKE_AT, SPIKE_MINUTES) && window.tenant().equals(spender.tenant())
				&& (tenantLevel || window.key().equals(spender.key()))) {
			return Attack.TOKEN_SPIKE;
		}
		if (during(minute, STUFFING_AT, STUFFING_MINUTES) && window.tenant().equals(TenantId.PLATFORM)
				&& (tenantLevel || stuffers.contains(window.key()))) {
			return Attack.CREDENTIAL_STUFFING;
		}
		return null;
	}

	/** The keys an attack comes from. */
	List<String> attackerKeys(Attack attack) {
		return switch (attack) {
			case BOLA_PROBING -> List.of(bolaProber.key());
			case TOKEN_SPIKE -> List.of(spender.key());
			case CREDENTIAL_STUFFING -> List.copyOf(stuffers);
		};
	}

	private void normalMinute(Principal p, double day, boolean spiking, Sink out) {
		int requests = (int) Math.max(1, Math.round(p.rate() * (0.5 + 0.5 * day) * logNormal(1, 0.35)));
		for (int i = 0; i < requests; i++) {
			double kind = random.nextDouble();
			String object = p.objects().get((int) (p.objects().size() * Math.pow(random.nextDouble(), 2)));
			int status = random.nextDouble() < p.notFound() ? 404 : random.nextDouble() < p.forbidden() ? 403 : 200;
			if (kind < p.runShare()) {
				out.request(p.tenant(), p.key(), status == 200 ? 202 : status, "/api/v1/agents/" + object + "/runs", 400, true);
			}
			else if (kind < 0.15) {
				out.request(p.tenant(), p.key(), 200, "/api/v1/agents", (long) logNormal(8000, 0.5), false);
			}
			else if (kind < 0.27) {
				out.request(p.tenant(), p.key(), status, "/api/v1/agents/" + object, status == 200 ? 900 : 300, false);
			}
			else {
				out.request(p.tenant(), p.key(), status, "/api/v1/agents/" + object,
						status == 200 ? (long) logNormal(1500, 0.6) : 300, false);
			}
		}
		if (p.tokensPerMinute() > 0) {
			double tokens = p.tokensPerMinute() * day * logNormal(1, 0.4);
			if (spiking) {
				tokens *= 20 + 30 * random.nextDouble();
			}
			out.tokens(p.tenant(), p.key(), Math.round(tokens));
		}
		if (random.nextDouble() < 0.03) { // an expired access token: no principal, so it counts for the address
			out.request(null, p.address(), 401, "/api/v1/agents", 250, false);
		}
		if (!p.apiKey() && random.nextDouble() < 0.04) {
			out.request(null, p.address(), random.nextDouble() < 0.1 ? 401 : 200, "/api/v1/auth/login", 900, false);
		}
	}

	private void probe(Principal p, Sink out) {
		int ids = 120 + random.nextInt(131);
		for (int i = 0; i < ids; i++) {
			double roll = random.nextDouble();
			int status = roll < 0.85 ? 404 : roll < 0.95 ? 403 : 200;
			out.request(p.tenant(), p.key(), status, "/api/v1/agents/" + uuid(), status == 200 ? 1500 : 300, false);
		}
	}

	/** Office hours: full activity from 9 to 17, a quarter of it at night. */
	private static double daily(int minute) {
		double hour = (minute % 1440) / 60.0;
		return 0.25 + 0.75 * Math.max(0, Math.sin(Math.PI * (hour - 6) / 14));
	}

	private static boolean during(int minute, int start, int length) {
		return minute >= start && minute < start + length;
	}

	private double logNormal(double median, double sigma) {
		return median * Math.exp(sigma * gaussian());
	}

	private double gaussian() {
		double u = 1 - random.nextDouble();
		double v = random.nextDouble();
		return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
	}

	private UUID uuid() {
		return new UUID(random.nextLong(), random.nextLong());
	}
}
