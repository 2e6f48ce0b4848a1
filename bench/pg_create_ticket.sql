-- pgbench: the statement POST /tickets sends (TicketRepository::create, OutboxBatch::insertSql):
-- the ticket and its two outbox rows in one statement (its Redis keys and payloads written
-- as E'' strings with \x3a for ':', which pgbench would read as a variable). Its rows are marked delivered, so the
-- server's relay (running beside it) does not add Redis work to the ceiling.
\set u random(1, 200)
WITH t AS (INSERT INTO tickets (id, usuario_id, titulo, descripcion, prioridad,
                              fecha_creacion, fecha_actualizacion, vence_en)
           SELECT gen_random_uuid(), id, 'Ticket de pgbench', 'Creado por pgbench', 'alta',
                  ahora, ahora, ahora + 28800 * interval '1 second'
           FROM bench_users, (SELECT clock_timestamp() AS ahora) reloj WHERE n = :u RETURNING *),
     o AS (INSERT INTO outbox (id, destino, clave, payload, entregado)
           SELECT n, destino, clave, CASE WHEN numerado THEN payload || n || '}' ELSE payload END, clock_timestamp()
           FROM (SELECT nextval(pg_get_serial_sequence('outbox', 'id')) AS n, f.*
                 FROM (SELECT * FROM (VALUES
                     (0, 'cola'::varchar, E'cola\x3abatch\x3aprocesar'::text,
                      E'{"tipo"\x3a "notificar_ticket_creado", "ticket_id"\x3a "00000000-0000-0000-0000-000000000000", "timestamp"\x3a "2026-01-01T00\x3a00\x3a00.000Z"}'::text, false),
                     (1, 'canal'::varchar, E'canal\x3abatch\x3aeventos'::text,
                      E'{"evento"\x3a "ticket_creado", "ticket_id"\x3a "00000000-0000-0000-0000-000000000000", "timestamp"\x3a "2026-01-01T00\x3a00\x3a00.000Z", "seq"\x3a '::text, true))
                     AS v (orden, destino, clave, payload, numerado) ORDER BY orden) f) numbered)
SELECT id, usuario_id, titulo, descripcion, estado, prioridad,
       floor(extract(epoch FROM fecha_creacion) * 1000)::bigint, floor(extract(epoch FROM fecha_actualizacion) * 1000)::bigint,
       numero, asignado_a, floor(extract(epoch FROM vence_en) * 1000)::bigint, version
FROM t;
