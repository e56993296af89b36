package dev.rampart.shared.startup;

import java.lang.management.ManagementFactory;

import dev.rampart.shared.RampartProperties;
import dev.rampart.shared.database.DatabaseDescription;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Tells the operator, in plain words on stdout, where the node listens once it is ready. */
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
		long startedMs = ManagementFactory.getRuntimeMXBean().getUptime();
		System.out.printf("%nRampart is ready on http://localhost:%d  (started in %.1f s)%n", web.getWebServer().getPort(),
				startedMs / 1000.0);
		System.out.printf("  data folder: %s%n  database:    %s%n  health:      http://localhost:%d/actuator/health%n"
				+ "  API docs:    http://localhost:%d/v3/api-docs%n%n", properties.dataDir().toAbsolutePath().normalize(),
				database.describe(), web.getWebServer().getPort(), web.getWebServer().getPort());
		System.out.flush();
	}
}
