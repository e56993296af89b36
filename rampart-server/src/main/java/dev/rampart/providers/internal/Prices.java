package dev.rampart.providers.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Map;

import dev.rampart.providers.ProvidersProperties;
import dev.rampart.providers.ProvidersProperties.Price;
import dev.rampart.providers.spi.Usage;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Model prices from {@code rampart.providers.prices}, and the exact cost of a call in micro-dollars. A price in
 * USD per million tokens is numerically the cost in micro-dollars per token, so with prices exact to 10⁻⁶ the
 * cost is an integer number of 10⁻¹² dollars, rounded once (half up) to the micro-dollar per call. A model
 * without a configured price costs 0.
 */
@Component
class Prices {

	private static final BigDecimal FREE = BigDecimal.ZERO;

	private final Map<String, Map<String, Price>> prices;

	Prices(ProvidersProperties properties) {
		this.prices = properties.prices();
	}

	long costMicros(String provider, String model, Usage usage) {
		return costMicros(provider, model, usage.inputTokens(), usage.outputTokens());
	}

	long costMicros(String provider, String model, long inputTokens, long outputTokens) {
		BigDecimal cost = input(provider, model).multiply(BigDecimal.valueOf(inputTokens))
			.add(output(provider, model).multiply(BigDecimal.valueOf(outputTokens)));
		return cost.setScale(0, RoundingMode.HALF_UP).toBigInteger().min(BigInteger.valueOf(Long.MAX_VALUE)).longValue();
	}

	/** Micro-dollars per input token. */
	BigDecimal input(String provider, String model) {
		Price price = price(provider, model);
		return price == null ? FREE : price.input();
	}

	/** Micro-dollars per output token. */
	BigDecimal output(String provider, String model) {
		Price price = price(provider, model);
		return price == null ? FREE : price.output();
	}

	private @Nullable Price price(String provider, String model) {
		Map<String, Price> models = prices.get(provider);
		return models == null ? null : models.get(model);
	}
}
