/**
 * The ServiceTitan simulator: an in-process fake ServiceTitan to test code that calls the ServiceTitan REST API.
 * Start it in code ({@link io.github.servicetitan4j.test.ServiceTitanSimulator}), per JUnit test class
 * ({@link io.github.servicetitan4j.test.ServiceTitanSimulatorExtension}) or per Spring test context
 * ({@link io.github.servicetitan4j.test.AutoConfigureServiceTitanSimulator}); steer it with
 * {@link io.github.servicetitan4j.test.SimulatorFaults} and check what it received with
 * {@link io.github.servicetitan4j.test.RequestJournal}. Resources beyond the built-in ones are declared with
 * {@link io.github.servicetitan4j.test.SimulatedResource}. Out of the test's JVM it runs as a program
 * ({@link io.github.servicetitan4j.test.ServiceTitanSimulatorMain}) or in a WireMock container
 * ({@link io.github.servicetitan4j.test.SimulatorContainerSupport}), both driven over HTTP with
 * {@link io.github.servicetitan4j.test.SimulatorAdmin}.
 */
@NullMarked
package io.github.servicetitan4j.test;

import org.jspecify.annotations.NullMarked;
