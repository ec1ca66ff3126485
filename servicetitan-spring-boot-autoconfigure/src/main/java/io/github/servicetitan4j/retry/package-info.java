/**
 * Retry settings of the ServiceTitan client and how it waits. Time is injected everywhere ({@code Clock},
 * {@link io.github.servicetitan4j.retry.Sleeper}) so that tests never sleep.
 */
@NullMarked
package io.github.servicetitan4j.retry;

import org.jspecify.annotations.NullMarked;
