package io.github.servicetitan4j.test;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;

import org.jspecify.annotations.Nullable;

import io.github.servicetitan4j.test.internal.SimulatorSettings;

/**
 * The simulator as a program of its own, for test suites that do not run on the JVM or share one simulator in a
 * docker-compose: {@code java -jar servicetitan-spring-boot-test-<version>-standalone.jar --port=8089 --tenants=acme}.
 * <p>
 * Options are the {@code servicetitan.simulator.*} system properties without their prefix ({@code --seed=7},
 * {@code --jobs=50}, {@code --rate-limit=0}, {@code --tenants=acme,globex}, {@code --app-keys=...},
 * {@code --retry-after-seconds=5}, {@code --retry-after-header=false},
 * {@code --resources=settings/technicians=technicians.json;crm/bookings:crud=bookings.json}, ...), plus
 * {@code --port} (8089 by default, 0 for a free one) and {@code --bind-address} (127.0.0.1 by default; 0.0.0.0 in a
 * container). It prints one line with its address when ready, serves the admin API at {@code /__simulator} and runs
 * until it is stopped.
 */
public final class ServiceTitanSimulatorMain {

	private static final String PREFIX = "servicetitan.simulator.";

	private static final List<String> OPTIONS = List.of("seed", "customers", "locations", "jobs", "appointments",
			"invoices", "attachments", "rate-limit", "export-batch-size", "token-lifetime-seconds", "tenant-id",
			"client-id", "client-secret", "app-key", "app-keys", "tenants", "retry-after-seconds",
			"retry-after-header", "retry-after-hint", "resources");

	private ServiceTitanSimulatorMain() {
	}

	/**
	 * Starts the simulator and serves until the process is stopped; exits with status 2 and a usage message
	 * on a bad option.
	 * @param args options, as described above; {@code --help} prints them
	 * @throws InterruptedException when interrupted while serving
	 */
	public static void main(String[] args) throws InterruptedException {
		Map<String, String> options;
		try {
			options = parse(args);
		}
		catch (IllegalArgumentException ex) {
			usage(System.err, ex.getMessage());
			System.exit(2);
			return;
		}
		if (options.containsKey("help")) {
			usage(System.out, null);
			return;
		}
		ServiceTitanSimulator simulator;
		try {
			for (Map.Entry<String, String> option : options.entrySet()) {
				if (OPTIONS.contains(option.getKey())) {
					System.setProperty(PREFIX + option.getKey(), option.getValue());
				}
			}
			int port = Integer.parseInt(options.getOrDefault("port", "8089"));
			String bindAddress = options.getOrDefault("bind-address", "127.0.0.1");
			simulator = ServiceTitanSimulator.start(SimulatorSettings.fromSystemProperties(), port, bindAddress);
		}
		catch (IllegalArgumentException ex) {
			usage(System.err, ex.getMessage());
			System.exit(2);
			return;
		}
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			simulator.close();
			stopped.countDown();
		}, "servicetitan-simulator-shutdown"));
		System.out.println("ServiceTitan simulator listening on http://" + options.getOrDefault("bind-address",
				"127.0.0.1") + ":" + simulator.port() + " (tenants " + simulator.tenantNames()
				+ ", admin API at /__simulator)");
		System.out.flush();
		stopped.await();
	}

	static Map<String, String> parse(String[] args) {
		Map<String, String> options = new TreeMap<>();
		List<String> unknown = new ArrayList<>();
		for (String arg : args) {
			if (!arg.startsWith("--")) {
				throw new IllegalArgumentException("Unexpected argument '" + arg + "': options look like --name=value");
			}
			int equals = arg.indexOf('=');
			String name = ((equals > 0) ? arg.substring(2, equals) : arg.substring(2)).toLowerCase(Locale.ROOT);
			String value = (equals > 0) ? arg.substring(equals + 1) : "true";
			if (!OPTIONS.contains(name) && !name.equals("port") && !name.equals("bind-address")
					&& !name.equals("help")) {
				unknown.add(name);
			}
			options.put(name, value);
		}
		if (!unknown.isEmpty()) {
			throw new IllegalArgumentException("Unknown option(s) " + unknown);
		}
		return options;
	}

	private static void usage(PrintStream out, @Nullable String problem) {
		if (problem != null) {
			out.println("servicetitan-simulator: " + problem);
		}
		out.println("Usage: java -jar servicetitan-spring-boot-test-<version>-standalone.jar [--port=8089] "
				+ "[--bind-address=127.0.0.1] [--name=value ...]");
		out.println("Options: " + String.join(", ", OPTIONS));
	}

}
