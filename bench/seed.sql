-- :users users and :tickets tickets with a realistic spread (most tickets closed or resolved, a
-- fifth still open, text with accents for the search), in one transaction per table: the
-- tickets are one INSERT, the bulk load the count triggers must keep linear.
--   psql -v users=1000 -v tickets=100000 -f seed.sql
INSERT INTO usuarios (email, nombre, rol)
SELECT 'bench' || g || '@example.com', 'Usuario ' || g,
       (ARRAY['usuario', 'usuario', 'usuario', 'soporte', 'admin'])[1 + g % 5]
FROM generate_series(1, :users) AS g;

CREATE TEMP TABLE seed_users AS SELECT (row_number() OVER (ORDER BY email)) - 1 AS n, id FROM usuarios;

\timing on
INSERT INTO tickets (usuario_id, titulo, descripcion, estado, prioridad, fecha_creacion, fecha_actualizacion)
SELECT u.id,
       (ARRAY['Problema con la facturación', 'No puedo iniciar sesión', 'Impresora sin tóner',
              'Error al exportar informe', 'Solicitud de acceso a la VPN', 'Pantalla azul al arrancar',
              'Correo no sincroniza', 'Teléfono sin línea'])[1 + g % 8] || ' #' || g,
       'Descripción del caso ' || g || ': ' ||
       (ARRAY['el usuario indica que', 'desde ayer', 'tras la actualización', 'en la oficina de Málaga'])[1 + g % 4] ||
       ' ocurre de forma intermitente.',
       (ARRAY['abierto', 'en_proceso', 'resuelto', 'cerrado', 'cerrado'])[1 + g % 5],
       (ARRAY['baja', 'media', 'media', 'alta', 'critica'])[1 + g % 5],
       now() - (g || ' seconds')::interval, now() - (g || ' seconds')::interval
FROM generate_series(1, :tickets) AS g
JOIN seed_users u ON u.n = g % (SELECT count(*) FROM seed_users);
\timing off

ANALYZE;
