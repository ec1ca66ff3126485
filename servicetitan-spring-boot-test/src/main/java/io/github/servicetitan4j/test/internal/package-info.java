/**
 * Internals of the ServiceTitan simulator, not an API: the engine ({@link io.github.servicetitan4j.test.internal.SimulatorEngine}
 * and the resources it serves), its small JSON codec, and the WireMock extension that serves it
 * ({@link io.github.servicetitan4j.test.internal.SimulatorTransformer}). Compiled for Java 11 and dependent on nothing
 * but the JDK and WireMock's public API, so that the same classes load inside the {@code wiremock/wiremock} container.
 */
@NullMarked
package io.github.servicetitan4j.test.internal;

import org.jspecify.annotations.NullMarked;
