/**
 * Spring Boot auto-configuration of the ServiceTitan client: {@code servicetitan.*} properties, connection details,
 * customizers, the tenants of {@code servicetitan.tenants} and of a {@link ServiceTitanTenantSource} (one client each,
 * built by one factory), and startup failure analysis.
 */
@NullMarked
package io.github.servicetitan4j.autoconfigure;

import org.jspecify.annotations.NullMarked;
