-- Canned replies (respuestas predefinidas): texts support staff keep to paste into a comment,
-- private to their author or shared with all staff (issue 15). Placeholders such as
-- {{cliente}}, {{numero}} and {{agente}} are stored as written; the desktop client fills them in.

CREATE TABLE respuestas (
    id                  bigint       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    titulo              varchar(120) NOT NULL CHECK (length(titulo) >= 1),
    contenido           text         NOT NULL CHECK (length(contenido) BETWEEN 1 AND 20000),
    compartida          boolean      NOT NULL DEFAULT false,
    -- Null when written with AUTH_REQUIRED=false and no token: nobody in particular.
    autor_id            uuid         REFERENCES usuarios (id),
    fecha_creacion      timestamptz  NOT NULL DEFAULT clock_timestamp(),
    fecha_actualizacion timestamptz  NOT NULL DEFAULT clock_timestamp()
);

-- GET /respuestas: the caller's own (autor_id = ?) or the shared ones, by lower(titulo), id.
-- Each branch of the OR has an index in that order (PostgreSQL combines them).
CREATE INDEX respuestas_autor_titulo_idx ON respuestas (autor_id, lower(titulo), id);
CREATE INDEX respuestas_compartidas_titulo_idx ON respuestas (lower(titulo), id) WHERE compartida;
