-- pgbench: the server's own primary-key read, straight against PostgreSQL
\set n random(1, 1000)
SELECT t.id, t.usuario_id, t.titulo, t.descripcion, t.estado, t.prioridad, t.fecha_creacion, t.fecha_actualizacion
FROM bench_ids b JOIN tickets t ON t.id = b.id WHERE b.n = :n;
