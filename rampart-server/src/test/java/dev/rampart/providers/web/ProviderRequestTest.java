package dev.rampart.providers.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import dev.rampart.providers.ProviderConfigurations.Configuration;
import dev.rampart.providers.ProviderType;
import dev.rampart.providers.ProvidersProperties.Resilience;
import dev.rampart.providers.web.ProviderRequest.Breaker;
import dev.rampart.providers.web.ProviderRequest.ModelItem;
import dev.rampart.providers.web.ProviderRequest.Retry;
import dev.rampart.providers.web.ProviderRequest.Timeouts;
import dev.rampart.shared.InvalidFieldsException;
import dev.rampart.shared.Problems.FieldProblem;
import org.junit.jupiter.api.Test;

/** What a provider request becomes, and how its resilience fields are refused in the API's words. */
class ProviderRequestTest {

	private static final Resilience DEFAULTS = Resilience.defaults();
	private static final List<ModelItem> ONE_MODEL = List.of(new ModelItem("llama-3.1-8b", null, null, null));

	@Test
	void aValidRequestKeepsOnlyWhatWasGivenAndNormalizesTheUrl() {
		UUID key = UUID.randomUUID();
		ProviderRequest request = new ProviderRequest("vllm", "openai-compatible", "http://vllm.internal:8000/v1//",
				List.of(key.toString()), List.of(new ModelItem("llama", 131072L, new BigDecimal("0.10"), BigDecimal.ZERO)), null,
				new Timeouts(null, 5_000L, null), new Retry(1L, null, null, null), null, 16L);

		Configuration configuration = request.toConfiguration(null, DEFAULTS, Set.of(key));

		assertThat(configuration.type()).isEqualTo(ProviderType.OPENAI_COMPATIBLE);
		assertThat(configuration.baseUrl()).isEqualTo(URI.create("http://vllm.internal:8000/v1"));
		assertThat(configuration.credentials()).containsExactly(key);
		assertThat(configuration.settings().firstTokenTimeout()).isEqualTo(Duration.ofSeconds(5));
		assertThat(configuration.settings().totalTimeout()).as("left to the node").isNull();
		assertThat(configuration.settings().maxAttempts()).isEqualTo(1);
		assertThat(configuration.settings().maxConcurrentCalls()).isEqualTo(16);
		assertThat(configuration.settings().resolve(DEFAULTS).totalTimeout()).isEqualTo(DEFAULTS.totalTimeout());
	}

	@Test
	void aPutTakesItsIdFromThePathAndRefusesAnother() {
		ProviderRequest unnamed = sim(null, null, null);
		ProviderRequest renamed = sim("other", null, null);

		assertThat(unnamed.toConfiguration("local", DEFAULTS, Set.of()).id()).isEqualTo("local");
		assertThat(errors(renamed, "local")).extracting(FieldProblem::field).containsExactly("id");
	}

	@Test
	void aRuleBetweenTwoFieldsNamesTheDefaultItWasCheckedAgainst() {
		List<FieldProblem> errors = errors(sim("s", new Timeouts(null, null, 30_000L), null), null);

		assertThat(errors).containsExactly(new FieldProblem("timeouts.totalMs",
				"timeouts.firstTokenMs (60000 ms) must not exceed timeouts.totalMs (30000 ms) (fields left out take the node's defaults)"));
	}

	@Test
	void eachFieldOutOfRangeIsReportedWithTheRangeOfTheNodesSettings() {
		List<FieldProblem> errors = errors(new ProviderRequest("s", "sim", "http://127.0.0.1:1/v1", null, ONE_MODEL, null,
				new Timeouts(-1L, null, 90_000_000L), new Retry(0L, 0L, null, null), new Breaker(1001L, null), 0L), null);

		assertThat(errors).containsExactlyInAnyOrder(
				new FieldProblem("timeouts.connectMs", "must be a positive duration, not -1 ms"),
				new FieldProblem("timeouts.totalMs", "must be at most 86400000 (one day)"),
				new FieldProblem("retry.maxAttempts", "must be between 1 and 10, not 0"),
				new FieldProblem("retry.backoffBaseMs", "must be a positive duration, not 0 ms"),
				new FieldProblem("breaker.failures", "must be between 1 and 1000, not 1001"),
				new FieldProblem("maxConcurrentCalls", "must be between 1 and 10000, not 0"));
	}

	private static ProviderRequest sim(String id, Timeouts timeouts, Retry retry) {
		return new ProviderRequest(id, "sim", "http://127.0.0.1:1/v1", null, ONE_MODEL, null, timeouts, retry, null, null);
	}

	private static List<FieldProblem> errors(ProviderRequest request, String pathId) {
		InvalidFieldsException refused = catchThrowableOfType(InvalidFieldsException.class,
				() -> request.toConfiguration(pathId, DEFAULTS, Set.of()));
		assertThat(refused).as("refused").isNotNull();
		return refused.errors();
	}
}
