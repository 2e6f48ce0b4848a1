-- Indexes for the lookups and the newest-first lists the API serves.

-- One account per address, whatever its case.
CREATE UNIQUE INDEX usuarios_email_key ON usuarios (lower(email));
CREATE INDEX usuarios_listado_idx ON usuarios (fecha_creacion DESC, id DESC);

-- GET /tickets/{id}/interacciones: newest first within one ticket.
CREATE INDEX interacciones_ticket_fecha_idx ON interacciones (ticket_id, fecha_creacion DESC, id DESC);
CREATE INDEX interacciones_usuario_idx ON interacciones (usuario_id);

-- GET /tickets with and without its filters.
CREATE INDEX tickets_listado_idx ON tickets (fecha_creacion DESC, id DESC);
CREATE INDEX tickets_estado_idx ON tickets (estado, fecha_creacion DESC, id DESC);
CREATE INDEX tickets_prioridad_idx ON tickets (prioridad, fecha_creacion DESC, id DESC);
CREATE INDEX tickets_usuario_idx ON tickets (usuario_id, fecha_creacion DESC, id DESC);
