package dev.rampart.gateway.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.rampart.gateway.internal.RateLimiter.Outcome;
import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.ProblemWriter;
import dev.rampart.shared.Problems;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes what a client learns about its limits: the {@code RateLimit-Policy} and {@code RateLimit}
 * fields of draft-ietf-httpapi-ratelimit-headers-09 on every limited request, and for a refused one
 * a 429 {@code RATE_LIMITED} problem with {@code Retry-After} (whole seconds, rounded up). Each
 * refusal counts in {@code rampart.gateway.rate_limited}; the first refusal of a bucket in a minute
 * is logged. Refusals are not written to the audit log: an attacker could flood it. A refusal by the
 * tightened limit of a caller that threat detection throttles answers {@code SUSPICIOUS_ACTIVITY_THROTTLED}.
 */
final class RateLimitResponses {

	private static final Logger log = LoggerFactory.getLogger(RateLimitResponses.class);

	private final Problems problems;
	private final ProblemWriter writer;
	private final Map<LimitKind, Counter> refusals = new EnumMap<>(LimitKind.class);
	private final Cache<String, Boolean> logged = Caffeine.newBuilder()
		.maximumSize(10_000)
		.expireAfterWrite(Duration.ofMinutes(1))
		.build();

	RateLimitResponses(Problems problems, ProblemWriter writer, MeterRegistry meters) {
		this.problems = problems;
		this.writer = writer;
		for (LimitKind kind : LimitKind.values()) {
			refusals.put(kind, Counter.builder("rampart.gateway.rate_limited")
				.description("Requests refused with 429, by the limit that refused them")
				.tag("limit", kind.policy())
				.register(meters));
		}
	}

	/** Adds the headers of one bucket the request was counted in. */
	void describe(HttpServletResponse response, Outcome outcome) {
		response.addHeader("RateLimit-Policy", "\"%s\";q=%d;w=%d".formatted(outcome.kind().policy(), outcome.limit().rate(),
				Math.max(1, outcome.limit().period().toSeconds())));
		response.addHeader("RateLimit", "\"%s\";r=%d;t=%d".formatted(outcome.kind().policy(), outcome.remaining(),
				seconds(outcome.reset())));
	}

	/**
	 * Describes the bucket on the response and, when it refused the request, answers 429; true when
	 * the request may go on. {@code who} names the bucket in the log (no secret in it).
	 */
	boolean admit(HttpServletResponse response, Outcome outcome, String who) throws IOException {
		describe(response, outcome);
		if (!outcome.allowed()) {
			refuse(response, outcome, who);
		}
		return outcome.allowed();
	}

	/** Answers 429 for a refused request; {@code who} names the bucket in the log (no secret in it). */
	void refuse(HttpServletResponse response, Outcome outcome, String who) throws IOException {
		refusals.get(outcome.kind()).increment();
		if (logged.asMap().putIfAbsent(outcome.kind().policy() + ':' + who, Boolean.TRUE) == null) {
			log.warn("Rate limit {} ({}) reached by {}; refusing until it refills", outcome.kind().policy(), outcome.limit(),
					who);
		}
		long wait = Math.max(1, seconds(outcome.retryAfter()));
		response.setHeader("Retry-After", Long.toString(wait));
		String limit = outcome.limit().rate() + " requests per " + outcome.limit().period().toSeconds() + " s with bursts of "
				+ outcome.limit().burst() + ".";
		writer.write(response, outcome.kind() == LimitKind.SUSPICIOUS
				? problems.of(ErrorCode.SUSPICIOUS_ACTIVITY_THROTTLED,
						"Threat detection raised an anomaly for this caller, so its limit is tightened to " + limit,
						Duration.ofSeconds(wait))
				: problems.of(ErrorCode.RATE_LIMITED, "The " + outcome.kind().policy() + " limit allows " + limit,
						Duration.ofSeconds(wait)));
	}

	/** Whole seconds, rounded up. */
	static long seconds(Duration duration) {
		long s = duration.toSeconds();
		return duration.toNanosPart() > 0 || duration.minusSeconds(s).isPositive() ? s + 1 : s;
	}
}
