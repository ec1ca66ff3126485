/**
 * The exceptions of the ServiceTitan client: one unchecked hierarchy rooted at
 * {@link io.github.servicetitan4j.errors.ServiceTitanException}, the API's error statuses as
 * {@link io.github.servicetitan4j.errors.ServiceTitanApiException} with one nested subclass per common status
 * (mapped in {@link io.github.servicetitan4j.errors.ServiceTitanApiException#of} alone). Every exception carries what it knows
 * (status, trace id, problem details, the attempts of the call) and never a secret. The lowest package of the client:
 * it uses none of the others, so that every package that throws may use it.
 */
@NullMarked
package io.github.servicetitan4j.errors;

import org.jspecify.annotations.NullMarked;
