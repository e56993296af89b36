package dev.rampart.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.ServerTest;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;

@ServerTest
@TestPropertySource(properties = "rampart.observability.otlp.enabled=true")
class OtlpExportIT {

	@Autowired
	ApplicationContext context;

	@Test
	void oneSwitchTurnsOtlpSpanExportOn() {
		assertThat(context.getBeanProvider(SpanExporter.class).stream().map(e -> e.getClass().getSimpleName()))
			.anyMatch(name -> name.startsWith("Otlp"));
	}
}
