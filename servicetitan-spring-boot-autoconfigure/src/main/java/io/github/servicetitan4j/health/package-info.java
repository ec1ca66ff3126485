/**
 * Actuator health of the ServiceTitan client: whether its credentials still get a token, without spending API rate
 * limit or hammering the token endpoint.
 */
@NullMarked
package io.github.servicetitan4j.health;

import org.jspecify.annotations.NullMarked;
