-- Case- and accent-insensitive search in titulo and descripcion (GET /tickets?q=), served by a
-- trigram index instead of a scan.

CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- unaccent() is only STABLE (its dictionary could change); naming the dictionary makes this
-- wrapper safe to declare IMMUTABLE, which an index and a generated column require.
CREATE FUNCTION tickets_normalizar(texto text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    RETURN lower(unaccent('unaccent'::regdictionary, texto));

ALTER TABLE tickets
    ADD COLUMN busqueda text GENERATED ALWAYS AS (tickets_normalizar(titulo || ' ' || descripcion)) STORED;

CREATE INDEX tickets_busqueda_trgm_idx ON tickets USING gin (busqueda gin_trgm_ops);
