-- Writes that never wait for each other on account of bookkeeping.
--
-- 1. Counts without a hot row. Until now every ticket insert and state change updated one of
--    the 16 rows of tickets_resumen in its own transaction, so concurrent writers of the same
--    estado/prioridad queued on that row lock until commit, and a bulk load did 1 update per
--    row. Now statement-level triggers (with transition tables) append one row per
--    (estado, prioridad) touched by a statement to an insert-only delta table; nobody updates
--    a shared row while writing. tickets_resumen_actual adds the deltas to the base counts;
--    tickets_resumen_plegar() folds the deltas into the base (the outbox relay calls it every
--    second), so the delta table stays small whatever the table size.
-- 2. No NOTIFY at commit: pg_notify takes a database-wide lock while committing, which
--    serialised every writer. The writer's own process wakes its relay in-process; another
--    process's relay and the worker find rows left behind by their poll.

CREATE TABLE tickets_resumen_delta (
    estado    varchar(20) NOT NULL,
    prioridad varchar(20) NOT NULL,
    delta     bigint      NOT NULL
);

DROP TRIGGER tickets_resumen_insert_delete ON tickets;
DROP TRIGGER tickets_resumen_update ON tickets;
DROP FUNCTION tickets_resumen_actualizar();

CREATE FUNCTION tickets_resumen_insertados() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO tickets_resumen_delta (estado, prioridad, delta)
    SELECT estado, prioridad, count(*) FROM nuevos GROUP BY estado, prioridad;
    RETURN NULL;
END;
$$;

CREATE FUNCTION tickets_resumen_borrados() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO tickets_resumen_delta (estado, prioridad, delta)
    SELECT estado, prioridad, -count(*) FROM antes GROUP BY estado, prioridad;
    RETURN NULL;
END;
$$;

-- Fires for every UPDATE statement (a column list cannot be combined with transition tables),
-- and writes nothing unless some row changed its estado or prioridad.
CREATE FUNCTION tickets_resumen_cambiados() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO tickets_resumen_delta (estado, prioridad, delta)
    SELECT estado, prioridad, sum(cambio)
    FROM (SELECT a.estado, a.prioridad, -1 AS cambio
            FROM antes a JOIN despues d USING (id)
           WHERE (a.estado, a.prioridad) IS DISTINCT FROM (d.estado, d.prioridad)
          UNION ALL
          SELECT d.estado, d.prioridad, 1
            FROM antes a JOIN despues d USING (id)
           WHERE (a.estado, a.prioridad) IS DISTINCT FROM (d.estado, d.prioridad)) cambios
    GROUP BY estado, prioridad
    HAVING sum(cambio) <> 0;
    RETURN NULL;
END;
$$;

CREATE TRIGGER tickets_resumen_insert AFTER INSERT ON tickets
    REFERENCING NEW TABLE AS nuevos
    FOR EACH STATEMENT EXECUTE FUNCTION tickets_resumen_insertados();
CREATE TRIGGER tickets_resumen_delete AFTER DELETE ON tickets
    REFERENCING OLD TABLE AS antes
    FOR EACH STATEMENT EXECUTE FUNCTION tickets_resumen_borrados();
CREATE TRIGGER tickets_resumen_update AFTER UPDATE ON tickets
    REFERENCING OLD TABLE AS antes NEW TABLE AS despues
    FOR EACH STATEMENT EXECUTE FUNCTION tickets_resumen_cambiados();

-- The counts as of now: the base plus what has not been folded in yet.
CREATE VIEW tickets_resumen_actual AS
SELECT r.estado, r.prioridad, r.total + COALESCE(d.delta, 0) AS total
FROM tickets_resumen r
LEFT JOIN (SELECT estado, prioridad, sum(delta) AS delta
             FROM tickets_resumen_delta GROUP BY estado, prioridad) d USING (estado, prioridad);

-- Moves every visible delta into the base counts, in one transaction; returns how many rows
-- it folded. Deltas committed meanwhile stay for the next fold. Two folders at once are
-- safe: each deletes (and adds) only the rows it could lock.
CREATE FUNCTION tickets_resumen_plegar() RETURNS bigint
    LANGUAGE sql AS $$
    WITH movidos AS (DELETE FROM tickets_resumen_delta RETURNING estado, prioridad, delta),
         sumas AS (SELECT estado, prioridad, sum(delta) AS delta FROM movidos GROUP BY estado, prioridad),
         sumados AS (UPDATE tickets_resumen r SET total = r.total + s.delta
                       FROM sumas s WHERE r.estado = s.estado AND r.prioridad = s.prioridad RETURNING 1)
    SELECT count(*) FROM movidos;
$$;

DROP TRIGGER outbox_avisar ON outbox;
DROP FUNCTION outbox_avisar();
