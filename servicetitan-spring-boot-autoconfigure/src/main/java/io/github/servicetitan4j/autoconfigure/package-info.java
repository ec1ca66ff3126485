/**
 * Spring Boot auto-configuration of the ServiceTitan client: {@code servicetitan.*} properties, connection details,
 * customizers and startup failure analysis.
 */
@NullMarked
package io.github.servicetitan4j.autoconfigure;

import org.jspecify.annotations.NullMarked;
