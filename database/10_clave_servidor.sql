-- The key the servers sign the sessions and users they cache in Redis with (HMAC-SHA256), so
-- whoever can write to Redis cannot forge a session. One row, made by the first server that
-- starts (random bytes from libsodium, INSERT ... ON CONFLICT DO NOTHING, then read back), so
-- every instance shares it with no configuration. TICKETS_SECRET_KEY, when set, is used instead.

CREATE TABLE clave_servidor (
    unico  boolean  PRIMARY KEY DEFAULT true CHECK (unico),
    clave  bytea    NOT NULL CHECK (octet_length(clave) >= 32)
);
