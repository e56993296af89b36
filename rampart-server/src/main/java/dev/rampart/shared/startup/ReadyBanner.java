package dev.rampart.shared.startup;

import java.lang.management.ManagementFactory;

import dev.rampart.shared.RampartProperties;
import dev.rampart.shared.database.DatabaseDescription;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.AbstractConfigurableWebServerFactory;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Tells the operator, in plain words on stdout, where the node listens (http or https) once it is ready. */
@Component
class ReadyBanner {

	private final RampartProperties properties;
	private final DatabaseDescription database;

	ReadyBanner(RampartProperties properties, DatabaseDescription database) {
		this.properties = properties;
		this.database = database;
	}

	@EventListener
	void onReady(ApplicationReadyEvent event) {
		if (!(event.getApplicationContext() instanceof WebServerApplicationContext web) || web.getWebServer() == null) {
			return;
		}
		AbstractConfigurableWebServerFactory factory = web.getBeanProvider(AbstractConfigurableWebServerFactory.class)
			.getIfUnique();
		String base = (factory != null && Ssl.isEnabled(factory.getSsl()) ? "https" : "http") + "://localhost:"
				+ web.getWebServer().getPort();
		long startedMs = ManagementFactory.getRuntimeMXBean().getUptime();
		System.out.printf("%nRampart is ready on %s  (started in %.1f s)%n", base, startedMs / 1000.0);
		System.out.printf("  data folder: %s%n  database:    %s%n  health:      %s/actuator/health%n"
				+ "  API docs:    %s/v3/api-docs%n%n", properties.dataDir().toAbsolutePath().normalize(),
				database.describe(), base, base);
		System.out.flush();
	}
}
