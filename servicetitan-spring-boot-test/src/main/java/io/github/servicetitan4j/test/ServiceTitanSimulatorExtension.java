package io.github.servicetitan4j.test;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit Jupiter extension that gives a test class one {@link ServiceTitanSimulator}: started when first needed,
 * {@link ServiceTitanSimulator#reset() reset} before every test (seeded data, empty journal, no faults), closed after
 * the class. Test methods, lifecycle methods and constructors receive it as a parameter.
 * <pre>
 * &#64;ExtendWith(ServiceTitanSimulatorExtension.class)
 * class MyClientTests {
 *     &#64;Test
 *     void readsJobs(ServiceTitanSimulator simulator) { ... simulator.properties() ... }
 * }
 * </pre>
 * For other settings register it as a field:
 * {@code @RegisterExtension static ServiceTitanSimulatorExtension simulator = new ServiceTitanSimulatorExtension(ServiceTitanSimulator.builder().jobs(20));}
 * and use {@link #simulator()} from the tests; tenants ({@code .tenant("acme")}) and resources
 * ({@code .resource(SimulatedResource.of(...))}) are declared on that builder. {@link ServiceTitanSimulator#clientBuilder()}
 * gives a client of the project's own to hand to the code under test. Nested test classes share the outer class's
 * simulator.
 */
public final class ServiceTitanSimulatorExtension implements BeforeEachCallback, ParameterResolver {

	private static final Namespace NAMESPACE = Namespace.create(ServiceTitanSimulatorExtension.class);

	private final ServiceTitanSimulator.Builder builder;

	private volatile @Nullable ServiceTitanSimulator current;

	/** An extension whose simulator has the default settings. */
	public ServiceTitanSimulatorExtension() {
		this(ServiceTitanSimulator.builder());
	}

	/**
	 * An extension whose simulator is started from this builder.
	 * @param builder settings of the simulator to start
	 */
	public ServiceTitanSimulatorExtension(ServiceTitanSimulator.Builder builder) {
		this.builder = builder;
	}

	/**
	 * The simulator of the running test class.
	 * @throws IllegalStateException before the extension has started one
	 * @return simulator
	 */
	public ServiceTitanSimulator simulator() {
		ServiceTitanSimulator simulator = this.current;
		if (simulator == null) {
			throw new IllegalStateException("No simulator yet: it starts with the first test of the class");
		}
		return simulator;
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		ServiceTitanSimulator simulator = simulator(context);
		simulator.reset();
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == ServiceTitanSimulator.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return simulator(extensionContext);
	}

	private ServiceTitanSimulator simulator(ExtensionContext context) {
		ServiceTitanSimulator simulator = classContext(context).getStore(NAMESPACE)
			.computeIfAbsent(this, (key) -> this.builder.start(), ServiceTitanSimulator.class);
		this.current = simulator;
		return simulator;
	}

	/** The outermost test class's context: the store there closes the simulator after the class. */
	private static ExtensionContext classContext(ExtensionContext context) {
		ExtensionContext classContext = context;
		while (classContext.getParent().isPresent() && classContext.getParent().get() != context.getRoot()) {
			classContext = classContext.getParent().get();
		}
		return classContext;
	}

}
