-- Ticket counts per estado and prioridad (GET /tickets/resumen and X-Total-Count of filtered
-- lists), kept current by a trigger so that answering never scans the tickets table.

CREATE TABLE tickets_resumen (
    estado    varchar(20) NOT NULL,
    prioridad varchar(20) NOT NULL,
    total     bigint      NOT NULL DEFAULT 0 CHECK (total >= 0),
    PRIMARY KEY (estado, prioridad)
);

INSERT INTO tickets_resumen (estado, prioridad, total)
SELECT e.estado, p.prioridad,
       (SELECT count(*) FROM tickets t WHERE t.estado = e.estado AND t.prioridad = p.prioridad)
FROM unnest(ARRAY['abierto', 'en_proceso', 'resuelto', 'cerrado']) AS e(estado)
CROSS JOIN unnest(ARRAY['baja', 'media', 'alta', 'critica']) AS p(prioridad);

CREATE FUNCTION tickets_resumen_actualizar() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        -- Lock both counters in key order, so two opposite state changes cannot deadlock.
        PERFORM 1 FROM tickets_resumen
         WHERE (estado, prioridad) IN ((OLD.estado, OLD.prioridad), (NEW.estado, NEW.prioridad))
         ORDER BY estado, prioridad
         FOR UPDATE;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE tickets_resumen SET total = total - 1
         WHERE estado = OLD.estado AND prioridad = OLD.prioridad;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        UPDATE tickets_resumen SET total = total + 1
         WHERE estado = NEW.estado AND prioridad = NEW.prioridad;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER tickets_resumen_insert_delete
    AFTER INSERT OR DELETE ON tickets
    FOR EACH ROW EXECUTE FUNCTION tickets_resumen_actualizar();

CREATE TRIGGER tickets_resumen_update
    AFTER UPDATE OF estado, prioridad ON tickets
    FOR EACH ROW
    WHEN (OLD.estado IS DISTINCT FROM NEW.estado OR OLD.prioridad IS DISTINCT FROM NEW.prioridad)
    EXECUTE FUNCTION tickets_resumen_actualizar();
