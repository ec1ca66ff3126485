/**
 * Auto-configuration of the webhook endpoint ({@code servicetitan.webhooks.*}): signature check, deduplication store,
 * tenant routing, meters. Everything but the auto-configuration and its properties is package-private.
 */
@NullMarked
package io.github.servicetitan4j.autoconfigure.webhook;

import org.jspecify.annotations.NullMarked;
