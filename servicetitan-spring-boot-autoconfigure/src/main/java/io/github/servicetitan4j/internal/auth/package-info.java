/**
 * The client-credentials token provider behind {@link io.github.servicetitan4j.auth.AccessTokenProvider}, built on
 * Spring Security's OAuth2 client and kept private to the ServiceTitan client. Not API.
 */
@NullMarked
package io.github.servicetitan4j.internal.auth;

import org.jspecify.annotations.NullMarked;
