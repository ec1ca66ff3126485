package io.github.servicetitan4j.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * An incremental ServiceTitan sync: drains the customers and jobs export feeds into a database, resumably, and serves
 * what it synced. Run as is, it does one full sync, prints a summary and exits; with {@code --sample.serve=true} it keeps
 * serving its API and re-syncs on a schedule.
 */
@SpringBootApplication
@EnableScheduling
@ConfigurationPropertiesScan
public class SampleApplication {

	public static void main(String[] args) {
		ConfigurableApplicationContext context = SpringApplication.run(SampleApplication.class, args);
		if (!context.getBean(SampleProperties.class).serve()) {
			System.exit(SpringApplication.exit(context));
		}
	}

}
