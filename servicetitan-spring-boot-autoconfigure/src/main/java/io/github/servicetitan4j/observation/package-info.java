/**
 * Observations and metrics of the ServiceTitan client on Micrometer: one observation per Endpoint operation call
 * ({@code servicetitan.client.operation}), one per HTTP request under it ({@code servicetitan.client.requests}), and
 * meters for retries, rate-limiter waits, records and token requests. {@link ServiceTitanObservationDocumentation} and
 * {@link ServiceTitanMeterDocumentation} list every name and key; the README's "Monitoring" section is rendered from
 * them. For a client built by hand, {@link ServiceTitanObservations} makes the observer and the meter listener. The
 * meters need {@code micrometer-core}; the observations only {@code micrometer-observation}.
 */
@NullMarked
package io.github.servicetitan4j.observation;

import org.jspecify.annotations.NullMarked;
