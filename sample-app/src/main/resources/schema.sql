CREATE TABLE IF NOT EXISTS customers (
    id          BIGINT PRIMARY KEY,
    name        VARCHAR(200),
    active      BOOLEAN,
    modified_on VARCHAR(40),
    payload     CLOB
);

CREATE TABLE IF NOT EXISTS jobs (
    id          BIGINT PRIMARY KEY,
    job_number  VARCHAR(40),
    customer_id BIGINT,
    status      VARCHAR(40),
    summary     VARCHAR(2000),
    active      BOOLEAN,
    modified_on VARCHAR(40),
    payload     CLOB
);
