create table if not exists servicetitan_webhook_deliveries (
    event_id varchar(200) not null primary key,
    claim_token varchar(64) not null,
    done boolean not null,
    updated_at bigint not null
);
