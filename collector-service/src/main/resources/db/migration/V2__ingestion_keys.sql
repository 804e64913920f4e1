-- Keys agents send in X-Vigil-Ingestion-Key, one subscription each. Only the SHA-256 of the secret is kept (hex);
-- expires_at is set when the key is rotated, to the end of its grace period.
create table ingestion_key (
    id               text        primary key,
    subscription_id  text        not null,
    secret_hash      text        not null,
    created_at       timestamptz not null,
    expires_at       timestamptz
);
create index ingestion_key_subscription_idx on ingestion_key (subscription_id, created_at);
