-- 1,000 users and 100,000 tickets with realistic spread: most tickets closed or resolved,
-- a fifth still open, text with accents for the search.
INSERT INTO usuarios (email, nombre, rol)
SELECT 'bench' || g || '@example.com', 'Usuario ' || g,
       (ARRAY['usuario', 'usuario', 'usuario', 'soporte', 'admin'])[1 + g % 5]
FROM generate_series(1, 1000) AS g;

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
       now() - (g || ' minutes')::interval, now() - (g || ' minutes')::interval
FROM generate_series(1, 100000) AS g
JOIN LATERAL (SELECT id FROM usuarios ORDER BY email OFFSET (g % 1000) LIMIT 1) u ON true;

ANALYZE;
