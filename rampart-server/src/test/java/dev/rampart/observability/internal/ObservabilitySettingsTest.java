package dev.rampart.observability.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Database spans are on unless switched off, and a switch that is not a boolean is refused, not taken as off. */
class ObservabilitySettingsTest {

	private static ObservabilitySettings bind(Map<String, String> properties) {
		return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("rampart.observability",
				ObservabilitySettings.class);
	}

	@Test
	void databaseSpansAreOnByDefaultAndCanBeSwitchedOff() {
		assertThat(bind(Map.of()).databaseSpans()).isTrue();
		assertThat(bind(Map.of("rampart.observability.database-spans", "false")).databaseSpans()).isFalse();
	}

	@Test
	void aValueThatIsNotABooleanIsRefused() {
		assertThatThrownBy(() -> bind(Map.of("rampart.observability.database-spans", "maybe")))
			.isInstanceOf(BindException.class)
			.hasMessageContaining("rampart.observability.database-spans");
	}
}
