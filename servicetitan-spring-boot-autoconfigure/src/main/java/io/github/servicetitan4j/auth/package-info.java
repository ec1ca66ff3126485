/**
 * The access-token hook of the ServiceTitan client: {@link io.github.servicetitan4j.auth.AccessTokenProvider}.
 */
@NullMarked
package io.github.servicetitan4j.auth;

import org.jspecify.annotations.NullMarked;
