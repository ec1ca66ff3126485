/**
 * Benchmarks of the ServiceTitan client against a local stub server: a harness that forks measuring JVMs, the stub
 * server, the scenarios and their plain-JDK floors. Run by hand (see the module's README), never in the build.
 */
@NullMarked
package io.github.servicetitan4j.benchmarks;

import org.jspecify.annotations.NullMarked;
