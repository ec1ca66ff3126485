/**
 * Auto-configuration keeping the ServiceTitan credentials out of actuator endpoints.
 */
@NullMarked
package io.github.servicetitan4j.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;
