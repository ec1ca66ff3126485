/**
 * Spring Boot auto-configuration of the ServiceTitan client: {@code servicetitan.*} properties, connection details,
 * customizers, the tenants of {@code servicetitan.tenants} and of a {@link ServiceTitanTenantSource} (one client each,
 * built by one factory), and startup failure analysis. As in Spring Boot's own modules, the wiring is package-private
 * beside the auto-configuration that uses it; what is public here is an auto-configuration, the properties, or a type
 * users implement or build.
 */
@NullMarked
package io.github.servicetitan4j.autoconfigure;

import org.jspecify.annotations.NullMarked;
