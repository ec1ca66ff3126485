-- Bucket4j state of the shared rate limiter: one row per bucket (three per tenant and application key).
CREATE TABLE IF NOT EXISTS servicetitan_rate_limit (
    id    VARCHAR(200) PRIMARY KEY,
    state BYTEA
);
