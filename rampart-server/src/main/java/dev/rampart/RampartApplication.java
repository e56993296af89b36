package dev.rampart;

import dev.rampart.secrets.cli.KeysCommand;
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
		if (args.length > 0 && args[0].equals("keys")) {
			System.exit(KeysCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
		}
		SpringApplication.run(RampartApplication.class, args);
	}
}
