/**
 * One request budget shared by every instance of an application: {@link io.github.servicetitan4j.ratelimit.SharedRateLimiter}
 * keeps its state in Bucket4j buckets in a store the application already runs (Redis through Lettuce, or PostgreSQL),
 * one set per tenant and application key, handed out by a
 * {@link io.github.servicetitan4j.ratelimit.RateLimiterFactory}. Bucket4j is an optional dependency: nothing here is
 * loaded unless a shared store is configured.
 */
@NullMarked
package io.github.servicetitan4j.ratelimit;

import org.jspecify.annotations.NullMarked;
