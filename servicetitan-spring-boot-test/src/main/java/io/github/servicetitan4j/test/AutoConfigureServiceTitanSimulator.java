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
 * configuration files win. The client's per-report limit is off ({@link #reportRequestsPerMinute()}), so that a
 * second test running the same report does not wait a minute for its turn; the simulator still answers a report's
 * sixth run within a minute of its clock with 429, as ServiceTitan does, and {@link ServiceTitanSimulator#reset()}
 * forgets the runs. Every wait of the starter's clients ({@code Retry-After}, backoff, rate limiters, report polls)
 * moves the simulator's clock instead of sleeping ({@link #waitOnSimulatorClock()}, {@link SimulatorSleeper}).
 * <p>
 * Records of your own resources come from JSON files named in {@link #resources()}:
 * {@code @AutoConfigureServiceTitanSimulator(resources = "settings/technicians=simulator/technicians.json")}.
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

	/**
	 * Resources to serve beside the built-in ones, each declared as {@code folder/name[:crud]=records.json}, as the
	 * standalone program's {@code --resources} option declares them: {@code settings/technicians=simulator/technicians.json}
	 * serves the records of that class-path resource (else file) read-only, with paging, filters and an export feed;
	 * {@code :crud} adds POST, PUT, PATCH and DELETE. The JSON is an array of records or a page with a {@code data}
	 * array. A malformed declaration or an unreadable file fails the context with a message naming it. For more
	 * (no export feed, other ids, per tenant), start the simulator with {@link SimulatedResource} in code instead.
	 * @return resource declarations
	 */
	String[] resources() default {};

	/**
	 * The client's per-report limit under the simulator ({@code servicetitan.reporting.requests-per-minute}): 0, the
	 * default, turns it off, so that tests running the same report one after the other never wait for its turn;
	 * empty keeps the starter's (1 per minute). Ignored when the test or its configuration files set the property.
	 * @return requests per minute as a number, or empty
	 */
	String reportRequestsPerMinute() default "0";

	/**
	 * Whether the starter's clients wait on the simulator's clock: each wait (a {@code Retry-After}, a backoff, a rate
	 * limiter's turn, a report query's poll) moves the simulator's clock forward instead of sleeping, and is recorded
	 * by the {@link SimulatorSleeper} bean. Off, the clients sleep for real as in production.
	 * @return whether waits move the simulator's clock
	 */
	boolean waitOnSimulatorClock() default true;

}
