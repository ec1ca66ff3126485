/**
 * Events ServiceTitan pushes to the application (V2 webhooks): {@link io.github.servicetitan4j.webhook.WebhookEvent}
 * is one verified, deduplicated delivery, routed to its tenant; the application receives it with Spring's
 * {@code @EventListener} or a {@link io.github.servicetitan4j.webhook.WebhookHandler} bean. The endpoint, its
 * signature check and its deduplication are set up by the starter ({@code servicetitan.webhooks.*}).
 */
@NullMarked
package io.github.servicetitan4j.webhook;

import org.jspecify.annotations.NullMarked;
