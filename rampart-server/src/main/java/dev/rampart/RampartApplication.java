package dev.rampart;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.modulith.Modulithic;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Starts one Rampart node: the API, the console, the run workers and, by default, embedded PostgreSQL. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Modulithic(systemName = "Rampart", sharedModules = "shared")
public class RampartApplication {

	public static void main(String[] args) {
		SpringApplication.run(RampartApplication.class, args);
	}
}
