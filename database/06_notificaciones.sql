-- Notifications the batch worker creates for support staff when a ticket is opened.

CREATE TABLE notificaciones (
    id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    destinatario_id uuid        NOT NULL REFERENCES usuarios (id),
    ticket_id       uuid        NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    mensaje         text        NOT NULL,
    leida           boolean     NOT NULL DEFAULT false,
    fecha_creacion  timestamptz NOT NULL DEFAULT clock_timestamp(),
    -- A task processed twice (a worker died after the insert) notifies nobody twice.
    UNIQUE (destinatario_id, ticket_id)
);

CREATE INDEX notificaciones_destinatario_idx ON notificaciones (destinatario_id, fecha_creacion DESC, id DESC);
