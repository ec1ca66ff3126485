/**
 * Auto-configuration of the ServiceTitan client's health contributor.
 */
@NullMarked
package io.github.servicetitan4j.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
