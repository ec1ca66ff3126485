/**
 * Auto-configuration of the ServiceTitan client's observations and meters.
 */
@NullMarked
package io.github.servicetitan4j.autoconfigure.observation;

import org.jspecify.annotations.NullMarked;
