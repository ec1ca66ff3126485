-- One database for every tenant: a row belongs to the tenant (its name in servicetitan.tenants, or "default") it was
-- synced from, and ServiceTitan ids are unique only within a tenant.
CREATE TABLE IF NOT EXISTS customers (
    tenant      VARCHAR(100) NOT NULL,
    id          BIGINT NOT NULL,
    name        VARCHAR(200),
    active      BOOLEAN,
    modified_on VARCHAR(40),
    payload     CLOB,
    PRIMARY KEY (tenant, id)
);

CREATE TABLE IF NOT EXISTS jobs (
    tenant      VARCHAR(100) NOT NULL,
    id          BIGINT NOT NULL,
    job_number  VARCHAR(40),
    customer_id BIGINT,
    status      VARCHAR(40),
    summary     VARCHAR(2000),
    active      BOOLEAN,
    modified_on VARCHAR(40),
    payload     CLOB,
    PRIMARY KEY (tenant, id)
);
