package dev.rampart.providers.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Map;
import java.util.Optional;

import dev.rampart.providers.ModelSpec;
import dev.rampart.providers.ProviderRegistry;
import dev.rampart.providers.ProvidersProperties;
import dev.rampart.providers.ProvidersProperties.Price;
import dev.rampart.providers.spi.Usage;
import dev.rampart.shared.TenantId;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Model prices (a tenant provider's configured model prices, else {@code rampart.providers.prices}), and the exact cost of a call in micro-dollars. A price in
 * USD per million tokens is numerically the cost in micro-dollars per token, so with prices exact to 10⁻⁶ the
 * cost is an integer number of 10⁻¹² dollars, rounded once (half up) to the micro-dollar per call. A model
 * without a configured price costs 0.
 */
@Component
class Prices {

	private static final BigDecimal FREE = BigDecimal.ZERO;

	private final Map<String, Map<String, Price>> prices;
	private final @Nullable ProviderRegistry registry;

	/** Node prices only (tests). */
	Prices(ProvidersProperties properties) {
		this(properties, null);
	}

	@Autowired
	Prices(ProvidersProperties properties, @Nullable ProviderRegistry registry) {
		this.prices = properties.prices();
		this.registry = registry;
	}

	/**
	 * The cost of a call to a tenant's provider: the price configured on the provider's model where it has one,
	 * else the node's ({@code rampart.providers.prices}), else 0.
	 */
	long costMicros(TenantId tenant, String provider, String model, Usage usage) {
		Price price = price(tenant, provider, model);
		return exact(price.input().multiply(BigDecimal.valueOf(usage.inputTokens()))
			.add(price.output().multiply(BigDecimal.valueOf(usage.outputTokens()))));
	}

	/** Micro-dollars per output token of a tenant's provider and model. */
	BigDecimal output(TenantId tenant, String provider, String model) {
		return price(tenant, provider, model).output();
	}

	private Price price(TenantId tenant, String provider, String model) {
		Optional<ModelSpec> spec = registry == null ? Optional.empty()
				: registry.find(tenant, provider).flatMap(found -> found.model(model));
		BigDecimal input = spec.map(ModelSpec::inputPrice).orElse(null);
		BigDecimal output = spec.map(ModelSpec::outputPrice).orElse(null);
		return new Price(input != null ? input : input(provider, model), output != null ? output : output(provider, model));
	}

	long costMicros(String provider, String model, Usage usage) {
		return costMicros(provider, model, usage.inputTokens(), usage.outputTokens());
	}

	long costMicros(String provider, String model, long inputTokens, long outputTokens) {
		return exact(input(provider, model).multiply(BigDecimal.valueOf(inputTokens))
			.add(output(provider, model).multiply(BigDecimal.valueOf(outputTokens))));
	}

	private static long exact(BigDecimal cost) {
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
