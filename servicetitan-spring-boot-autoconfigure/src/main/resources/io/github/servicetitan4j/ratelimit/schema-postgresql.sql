-- Bucket4j state of the shared rate limiter: one row per bucket (three per tenant and application key).
CREATE TABLE IF NOT EXISTS servicetitan_rate_limit (
    id    VARCHAR(200) PRIMARY KEY,
    state BYTEA
);

-- Holders of the tenants' shared report query slots: one row per running query, until released or its lease expires.
CREATE TABLE IF NOT EXISTS servicetitan_query_slot (
    slots_key  VARCHAR(200) NOT NULL,
    holder     VARCHAR(100) NOT NULL,
    expires_at BIGINT       NOT NULL,
    PRIMARY KEY (slots_key, holder)
);
