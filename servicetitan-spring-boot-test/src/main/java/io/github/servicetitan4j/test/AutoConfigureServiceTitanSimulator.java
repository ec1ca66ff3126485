package io.github.servicetitan4j.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Starts a {@link ServiceTitanSimulator} for a Spring test context and points the starter at it: the simulator's
 * {@code servicetitan.*} properties (api-url, auth-url, client-id, client-secret, app-key, tenant-id, or
 * {@code tenants.<name>.*} for the {@link #tenants() tenants} declared) go first in the environment, and the simulator itself is a bean to inject for assertions and fault injection.
 * <pre>
 * &#64;SpringBootTest
 * &#64;AutoConfigureServiceTitanSimulator(jobs = 50)
 * class JobSyncTests {
 *     &#64;Autowired ServiceTitanSimulator simulator;
 *     ...
 * }
 * </pre>
 * The simulator lives as long as the context, which Spring caches and shares between test classes with the same
 * configuration: call {@link ServiceTitanSimulator#reset()} in {@code @BeforeEach} when tests change data; it also
 * clears the starter's export checkpoint store (in memory or JDBC) of the context, so that an export test reads the
 * new data from its beginning. It stops when the context closes.
 * <p>
 * Retries wait {@link #retryBackoff()} (10 ms) instead of the starter's half a second, so that a test of faults does
 * not sleep for seconds; {@code servicetitan.retry.initial-backoff} or {@code max-backoff} set by the test or its
 * configuration files win.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface AutoConfigureServiceTitanSimulator {

	/**
	 * Seed of the generated data.
	 * @return seed
	 */
	long seed() default ServiceTitanSimulator.DEFAULT_SEED;

	/**
	 * Customers to seed.
	 * @return number of customers
	 */
	int customers() default 250;

	/**
	 * Locations to seed.
	 * @return number of locations
	 */
	int locations() default 250;

	/**
	 * Jobs to seed.
	 * @return number of jobs
	 */
	int jobs() default 1000;

	/**
	 * Appointments to seed.
	 * @return number of appointments
	 */
	int appointments() default 1500;

	/**
	 * Invoices to seed.
	 * @return number of invoices
	 */
	int invoices() default 800;

	/**
	 * API requests allowed per second before 429, 0 for no limit.
	 * @return requests per second
	 */
	int rateLimit() default 60;

	/**
	 * Most records in one export response.
	 * @return records per export response
	 */
	int exportBatchSize() default 500;

	/**
	 * Token lifetime in seconds ({@code expires_in}).
	 * @return lifetime in seconds
	 */
	long tokenLifetimeSeconds() default 900;

	/**
	 * Client's first retry backoff against the simulator ({@code servicetitan.retry.initial-backoff}, a Boot duration
	 * such as {@code 10ms}); the maximum backoff is ten times it. Ignored when the test sets either backoff property;
	 * empty keeps the starter's defaults.
	 * @return initial backoff as a duration string, or empty
	 */
	String retryBackoff() default "10ms";

	/**
	 * Names of tenants to serve beside the default one, each with its own credentials, data and rate budget (see
	 * {@link ServiceTitanSimulator.Builder#tenant(String)}). When set, the environment gets
	 * {@code servicetitan.api-url}, {@code auth-url}, {@code app-key} and, per name,
	 * {@code servicetitan.tenants.<name>.tenant-id}, {@code client-id} and {@code client-secret} instead of the
	 * single-tenant properties.
	 * @return tenant names
	 */
	String[] tenants() default {};

}
