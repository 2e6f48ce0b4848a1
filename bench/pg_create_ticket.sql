-- pgbench: the statement POST /tickets sends (TicketRepository::create, OutboxBatch::insertSql):
-- the ticket and its two outbox rows in one statement. Its rows are marked delivered, so the
-- server's relay (running beside it) does not add Redis work to the ceiling.
\set u random(1, 200)
WITH t AS (INSERT INTO tickets (id, usuario_id, titulo, descripcion, prioridad)
           SELECT gen_random_uuid(), id, 'Ticket de pgbench', 'Creado por pgbench', 'alta'
           FROM bench_users WHERE n = :u RETURNING *),
     o AS (INSERT INTO outbox (id, destino, clave, payload, entregado)
           SELECT n, destino, clave, CASE WHEN numerado THEN payload || n || '}' ELSE payload END, clock_timestamp()
           FROM (SELECT nextval(pg_get_serial_sequence('outbox', 'id')) AS n, f.*
                 FROM (SELECT * FROM (VALUES
                     (0, 'cola'::varchar, 'cola:batch:procesar'::text,
                      '{"tipo": "notificar_ticket_creado", "ticket_id": "00000000-0000-0000-0000-000000000000", "timestamp": "2026-01-01T00:00:00.000Z"}'::text, false),
                     (1, 'canal'::varchar, 'canal:batch:eventos'::text,
                      '{"evento": "ticket_creado", "ticket_id": "00000000-0000-0000-0000-000000000000", "timestamp": "2026-01-01T00:00:00.000Z", "seq": '::text, true))
                     AS v (orden, destino, clave, payload, numerado) ORDER BY orden) f) numbered)
SELECT id, usuario_id, titulo, descripcion, estado, prioridad,
       floor(extract(epoch FROM fecha_creacion) * 1000)::bigint, floor(extract(epoch FROM fecha_actualizacion) * 1000)::bigint
FROM t;
