-- Accounts, sessions and the author of interactions written on someone's behalf.
-- Passwords are Argon2id strings from libsodium (crypto_pwhash_str); a user without one
-- cannot log in. A session is stored only as the SHA-256 of its token, so a copy of this
-- table holds no usable token.

ALTER TABLE usuarios ADD COLUMN password_hash text;

CREATE TABLE sesiones (
    token_hash  bytea        PRIMARY KEY,
    usuario_id  uuid         NOT NULL REFERENCES usuarios (id) ON DELETE CASCADE,
    creada      timestamptz  NOT NULL DEFAULT clock_timestamp(),
    expira      timestamptz  NOT NULL
);
CREATE INDEX sesiones_usuario_idx ON sesiones (usuario_id);
CREATE INDEX sesiones_expira_idx ON sesiones (expira);

-- Set when staff record an interaction for another user: who actually wrote it.
ALTER TABLE interacciones ADD COLUMN registrado_por uuid REFERENCES usuarios (id);
