-- pgbench: the statement PATCH /tickets/{id}/estado sends (TicketRepository::changeEstado):
-- the row lock, the update (version, due time), its cambio_estado interaction, its history
-- row, the cache invalidation and the event, in one statement. Its outbox rows are marked
-- delivered, payloads as in pg_create_ticket.sql.
\set t random(1, 1000)
\set u random(1, 200)
\set e random(1, 4)
WITH antes AS (SELECT id, estado, version FROM tickets WHERE id = (SELECT id FROM bench_ids WHERE n = :t) FOR UPDATE),
     u AS (UPDATE tickets t SET estado = (ARRAY['abierto', 'en_proceso', 'resuelto', 'cerrado'])[:e],
                              fecha_actualizacion = clock_timestamp(),
                              version = t.version + (t.estado <> (ARRAY['abierto', 'en_proceso', 'resuelto', 'cerrado'])[:e])::int,
                              vencimiento_avisado = CASE WHEN :e <= 2 THEN t.vencimiento_avisado END,
                              vence_en = CASE WHEN :e > 2 THEN NULL
                                              WHEN t.estado NOT IN ('abierto', 'en_proceso')
                                              THEN t.fecha_creacion + CASE t.prioridad WHEN 'baja' THEN 259200 WHEN 'media' THEN 86400
                                                   WHEN 'alta' THEN 28800 ELSE 14400 END * interval '1 second'
                                              ELSE t.vence_en END
           FROM antes WHERE t.id = antes.id RETURNING t.id, antes.estado AS anterior),
     h AS (INSERT INTO tickets_historial (ticket_id, campo, anterior, nuevo, usuario_id)
           SELECT id, 'estado', anterior, (ARRAY['abierto', 'en_proceso', 'resuelto', 'cerrado'])[:e], NULL::uuid FROM u
           WHERE anterior <> (ARRAY['abierto', 'en_proceso', 'resuelto', 'cerrado'])[:e]),
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
SELECT (SELECT count(*) FROM antes), (SELECT count(*) FROM u);
