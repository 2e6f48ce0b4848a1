-- Tables of the support-ticket system (the contract of the original backend).
-- Applied once by tickets-server at start-up (see schema_migrations); never edit an applied
-- file: add the next numbered one.

CREATE TABLE usuarios (
    id              uuid         PRIMARY KEY DEFAULT gen_random_uuid(),
    email           varchar(255) NOT NULL,
    nombre          varchar(255) NOT NULL,
    rol             varchar(20)  NOT NULL DEFAULT 'usuario'
                                 CHECK (rol IN ('usuario', 'admin', 'soporte')),
    activo          boolean      NOT NULL DEFAULT true,
    fecha_creacion  timestamptz  NOT NULL DEFAULT clock_timestamp()
);

CREATE TABLE tickets (
    id                  uuid         PRIMARY KEY DEFAULT gen_random_uuid(),
    usuario_id          uuid         NOT NULL REFERENCES usuarios (id),
    titulo              varchar(255) NOT NULL,
    descripcion         text         NOT NULL,
    estado              varchar(20)  NOT NULL DEFAULT 'abierto'
                                     CHECK (estado IN ('abierto', 'en_proceso', 'resuelto', 'cerrado')),
    prioridad           varchar(20)  NOT NULL DEFAULT 'media'
                                     CHECK (prioridad IN ('baja', 'media', 'alta', 'critica')),
    fecha_creacion      timestamptz  NOT NULL DEFAULT clock_timestamp(),
    fecha_actualizacion timestamptz  NOT NULL DEFAULT clock_timestamp()
);

CREATE TABLE interacciones (
    id              bigint       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ticket_id       uuid         NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    usuario_id      uuid         REFERENCES usuarios (id),
    tipo            varchar(20)  NOT NULL DEFAULT 'comentario'
                                 CHECK (tipo IN ('comentario', 'cambio_estado', 'nota_interna')),
    contenido       text         NOT NULL,
    fecha_creacion  timestamptz  NOT NULL DEFAULT clock_timestamp()
);
