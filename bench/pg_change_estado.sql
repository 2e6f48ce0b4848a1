-- pgbench: the statement PATCH /tickets/{id}/estado sends (TicketRepository::changeEstado):
-- the update, its cambio_estado interaction, the cache invalidation and the event, in one
-- statement. Its outbox rows are marked delivered, payloads as in pg_create_ticket.sql.
\set t random(1, 1000)
\set u random(1, 200)
\set e random(1, 4)
WITH u AS (UPDATE tickets SET estado = (ARRAY['abierto', 'en_proceso', 'resuelto', 'cerrado'])[:e],
                              fecha_actualizacion = clock_timestamp()
           WHERE id = (SELECT id FROM bench_ids WHERE n = :t) RETURNING id),
     r AS (INSERT INTO interacciones (ticket_id, usuario_id, tipo, contenido, registrado_por)
           SELECT id, (SELECT id FROM bench_users WHERE n = :u), 'cambio_estado', 'Estado actualizado a resuelto', NULL::uuid
           FROM u),
     o AS (INSERT INTO outbox (id, destino, clave, payload, entregado)
           SELECT n, destino, clave, CASE WHEN numerado THEN payload || n || '}' ELSE payload END, clock_timestamp()
           FROM (SELECT nextval(pg_get_serial_sequence('outbox', 'id')) AS n, f.*
                 FROM (SELECT * FROM (VALUES
                     (0, 'cache'::varchar, E'ticket\x3a00000000-0000-0000-0000-000000000000\x3acompleto'::text, ''::text, false),
                     (1, 'canal'::varchar, E'canal\x3abatch\x3aeventos'::text,
                      E'{"evento"\x3a "ticket_actualizado", "ticket_id"\x3a "00000000-0000-0000-0000-000000000000", "estado"\x3a "resuelto", "timestamp"\x3a "2026-01-01T00\x3a00\x3a00.000Z", "seq"\x3a '::text, true))
                     AS v (orden, destino, clave, payload, numerado) ORDER BY orden) f) numbered
           WHERE EXISTS (SELECT 1 FROM u))
SELECT count(*) FROM u;
