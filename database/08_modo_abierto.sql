-- While a server runs with AUTH_REQUIRED=false the API asks nobody who they are, so a session
-- created in that time proves nothing. A server in open mode records when that time began;
-- the next server started with AUTH_REQUIRED=true ends every session created since, then
-- clears the mark. Numbered 08 after 09 was written: the migrator applies every file it has
-- not recorded, in name order, so 08 still applies to a database that already has 09.

CREATE TABLE modo_abierto (
    unico  boolean      PRIMARY KEY DEFAULT true CHECK (unico),
    desde  timestamptz  NOT NULL DEFAULT clock_timestamp()
);
