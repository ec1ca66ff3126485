/**
 * OAuth 2.0 client-credentials tokens for the ServiceTitan API, obtained through Spring Security's OAuth2 client and
 * kept private to the ServiceTitan client.
 */
@NullMarked
package io.github.servicetitan4j.auth;

import org.jspecify.annotations.NullMarked;
