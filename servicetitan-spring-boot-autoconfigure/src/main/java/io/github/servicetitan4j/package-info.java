/**
 * The ServiceTitan REST API client: {@link io.github.servicetitan4j.ServiceTitanClient},
 * {@link io.github.servicetitan4j.EndpointFactory}, {@link io.github.servicetitan4j.Endpoint} and, for an application
 * serving several tenants, {@link io.github.servicetitan4j.ServiceTitanTenants}, with the reference library's ten
 * operations, {@link io.github.servicetitan4j.Reports} for the Reporting API and the values they return; the exceptions
 * they throw are in {@code io.github.servicetitan4j.errors}. Knows nothing of Spring Boot; the auto-configuration in
 * {@code io.github.servicetitan4j.autoconfigure} only assembles it. Everything else here is package-private.
 */
@NullMarked
package io.github.servicetitan4j;

import org.jspecify.annotations.NullMarked;
