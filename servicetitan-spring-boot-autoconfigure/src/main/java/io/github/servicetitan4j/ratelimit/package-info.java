/**
 * Client-side rate limits: {@link io.github.servicetitan4j.ratelimit.RateLimiter} (the adaptive limiter of one process
 * through {@link io.github.servicetitan4j.ratelimit.RateLimiter#adaptive}), its
 * {@link io.github.servicetitan4j.ratelimit.RateLimiter.Budget}, and the one factory of per-tenant limiters,
 * {@link io.github.servicetitan4j.ratelimit.RateLimiterFactory}, whose {@code redis} and {@code postgresql} limiters
 * share one budget between every instance of an application through Bucket4j buckets in a store it already runs.
 * Bucket4j is an optional dependency: nothing that needs it is loaded unless a shared store is used. The
 * implementations are package-private.
 */
@NullMarked
package io.github.servicetitan4j.ratelimit;

import org.jspecify.annotations.NullMarked;
