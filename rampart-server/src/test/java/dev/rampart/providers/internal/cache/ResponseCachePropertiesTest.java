package dev.rampart.providers.internal.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** Bad cache settings stop the start with a message naming the property. */
class ResponseCachePropertiesTest {

	private static ResponseCacheProperties with(Duration l1Ttl, Duration l2Ttl, Duration l3Ttl, int maxRows, DataSize maxEntry) {
		return new ResponseCacheProperties(true, l1Ttl, DataSize.ofMegabytes(64), l2Ttl, Duration.ofMillis(100), l3Ttl,
				maxRows, Duration.ofMinutes(10), maxEntry);
	}

	@Test
	void theDefaultsAreValid() {
		ResponseCacheProperties defaults = ResponseCacheProperties.defaults();

		assertThat(defaults.l1Ttl()).isEqualTo(Duration.ofMinutes(5));
		assertThat(defaults.l1MaxBytes()).isEqualTo(DataSize.ofMegabytes(64));
		assertThat(defaults.l3MaxRowsPerTenant()).isEqualTo(10_000);
	}

	@Test
	void eachBadValueIsRefusedByName() {
		Duration m = Duration.ofMinutes(1);
		DataSize entry = DataSize.ofKilobytes(256);
		assertThatThrownBy(() -> with(Duration.ZERO, m, m, 10, entry)).hasMessageContaining("rampart.providers.cache.l1-ttl");
		assertThatThrownBy(() -> with(Duration.ofMinutes(10), m, Duration.ofHours(1), 10, entry))
			.hasMessageContaining("must not decrease");
		assertThatThrownBy(() -> with(m, m, m, 0, entry)).hasMessageContaining("l3-max-rows-per-tenant");
		assertThatThrownBy(() -> with(m, m, m, 10, DataSize.ofMegabytes(17))).hasMessageContaining("max-entry-size");
		assertThatThrownBy(() -> new ResponseCacheProperties(true, m, DataSize.ofKilobytes(1), m, Duration.ofMillis(100), m,
				10, m, entry)).hasMessageContaining("l1-max-bytes");
		assertThatThrownBy(() -> new ResponseCacheProperties(true, m, DataSize.ofMegabytes(1), m, Duration.ofSeconds(11), m,
				10, m, entry)).hasMessageContaining("l2-timeout");
	}
}
