<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="es">
<context>
    <name>FormErrors</name>
    <message>
        <source>Este campo es obligatorio</source>
        <translation>This field is required</translation>
    </message>
    <message>
        <source>Este campo no puede estar vacío</source>
        <translation>This field cannot be empty</translation>
    </message>
    <message>
        <source>Debe tener al menos %1 caracteres</source>
        <translation>Must be at least %1 characters long</translation>
    </message>
    <message>
        <source>Debe tener como máximo %1 caracteres</source>
        <translation>Must be at most %1 characters long</translation>
    </message>
    <message>
        <source>No es una dirección de correo válida</source>
        <translation>Not a valid email address</translation>
    </message>
    <message>
        <source>Elija uno de los valores de la lista</source>
        <translation>Choose one of the values in the list</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Abierto</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>En proceso</source>
        <translation>In progress</translation>
    </message>
    <message>
        <source>Resuelto</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <source>Cerrado</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>Baja</source>
        <translation>Low</translation>
    </message>
    <message>
        <source>Media</source>
        <translation>Medium</translation>
    </message>
    <message>
        <source>Alta</source>
        <translation>High</translation>
    </message>
    <message>
        <source>Crítica</source>
        <translation>Critical</translation>
    </message>
    <message>
        <source>Comentario</source>
        <translation>Comment</translation>
    </message>
    <message>
        <source>Cambio de estado</source>
        <translation>State change</translation>
    </message>
    <message>
        <source>Nota interna</source>
        <translation>Internal note</translation>
    </message>
    <message>
        <source>Usuario</source>
        <translation>User</translation>
    </message>
    <message>
        <source>Soporte</source>
        <translation>Support</translation>
    </message>
    <message>
        <source>Administrador</source>
        <translation>Administrator</translation>
    </message>
</context>
<context>
    <name>tickets::client::ApiClient</name>
    <message>
        <source>Respuesta del servidor no reconocida</source>
        <translation>Unrecognised answer from the server</translation>
    </message>
</context>
<context>
    <name>tickets::client::ConnectionBanner</name>
    <message>
        <source>Reintentar</source>
        <translation>Retry</translation>
    </message>
    <message>
        <source>No se puede conectar con el servidor: %1</source>
        <translation>Cannot reach the server: %1</translation>
    </message>
</context>
<context>
    <name>tickets::client::FilterBar</name>
    <message>
        <source>Todos</source>
        <translation>All</translation>
    </message>
    <message>
        <source>Cualquier prioridad</source>
        <translation>Any priority</translation>
    </message>
    <message>
        <source>Buscar en título y descripción (Ctrl+F)</source>
        <translation>Search titles and descriptions (Ctrl+F)</translation>
    </message>
    <message>
        <source>Todos (%1)</source>
        <translation>All (%1)</translation>
    </message>
</context>
<context>
    <name>tickets::client::HealthPanel</name>
    <message>
        <source>Base de datos</source>
        <translation>Database</translation>
    </message>
    <message>
        <source>Redis</source>
        <translation>Redis</translation>
    </message>
    <message>
        <source>Trabajador</source>
        <translation>Worker</translation>
    </message>
    <message>
        <source>Cola</source>
        <translation>Queue</translation>
    </message>
    <message>
        <source>Versión</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>En marcha (s)</source>
        <translation>Uptime (s)</translation>
    </message>
    <message>
        <source>Ida y vuelta (ms)</source>
        <translation>Round trip (ms)</translation>
    </message>
    <message>
        <source>Tareas en cola</source>
        <translation>Queued tasks</translation>
    </message>
    <message>
        <source>Tareas en proceso</source>
        <translation>Tasks in progress</translation>
    </message>
    <message>
        <source>Tareas fallidas</source>
        <translation>Failed tasks</translation>
    </message>
    <message>
        <source>Eventos por entregar (outbox)</source>
        <translation>Events waiting for delivery (outbox)</translation>
    </message>
    <message>
        <source>Trabajadores activos</source>
        <translation>Active workers</translation>
    </message>
    <message>
        <source>Último latido del trabajador</source>
        <translation>Worker's last heartbeat</translation>
    </message>
    <message>
        <source>Clientes en vivo</source>
        <translation>Live clients</translation>
    </message>
    <message>
        <source>Tiempos de ida y vuelta (últimos 10 minutos)</source>
        <translation>Round-trip times (last 10 minutes)</translation>
    </message>
    <message>
        <source>Petición /health</source>
        <translation>/health request</translation>
    </message>
    <message>
        <source>PostgreSQL</source>
        <translation>PostgreSQL</translation>
    </message>
    <message>
        <source>Sin respuesta del servidor</source>
        <translation>No answer from the server</translation>
    </message>
    <message>
        <source>%1 trabajadores activos</source>
        <translation>%1 active workers</translation>
    </message>
    <message>
        <source>%1 en cola, %2 fallidas</source>
        <translation>%1 queued, %2 failed</translation>
    </message>
</context>
<context>
    <name>tickets::client::LoginDialog</name>
    <message>
        <source>Iniciar sesión en Soporte</source>
        <translation>Log in to Soporte</translation>
    </message>
    <message>
        <source>Servidor</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Email</translation>
    </message>
    <message>
        <source>Contraseña</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Iniciar sesión</source>
        <translation>Log in</translation>
    </message>
</context>
<context>
    <name>tickets::client::MainWindow</name>
    <message>
        <source>Soporte</source>
        <translation>Soporte</translation>
    </message>
    <message>
        <source>Tickets</source>
        <translation>Tickets</translation>
    </message>
    <message>
        <source>Usuarios</source>
        <translation>Users</translation>
    </message>
    <message>
        <source>Salud</source>
        <translation>Health</translation>
    </message>
    <message>
        <source>Notificaciones: %1</source>
        <translation>Notifications: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n notificaciones sin leer</source>
        <translation><numerusform>%n unread notification</numerusform><numerusform>%n unread notifications</numerusform></translation>
    </message>
    <message>
        <source>&amp;Archivo</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>&amp;Nuevo ticket…</source>
        <translation>&amp;New ticket…</translation>
    </message>
    <message>
        <source>&amp;Actualizar</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <source>A&amp;justes…</source>
        <translation>&amp;Settings…</translation>
    </message>
    <message>
        <source>&amp;Cerrar sesión</source>
        <translation>&amp;Log out</translation>
    </message>
    <message>
        <source>&amp;Salir</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>&amp;Ver</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>&amp;Buscar</source>
        <translation>&amp;Search</translation>
    </message>
    <message>
        <source>Ticket &amp;siguiente</source>
        <translation>&amp;Next ticket</translation>
    </message>
    <message>
        <source>Ticket &amp;anterior</source>
        <translation>&amp;Previous ticket</translation>
    </message>
    <message>
        <source>&amp;Ticket</source>
        <translation>&amp;Ticket</translation>
    </message>
    <message>
        <source>Pasar a «%1»</source>
        <translation>Move to “%1”</translation>
    </message>
    <message>
        <source>A&amp;yuda</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>&amp;Acerca de Soporte</source>
        <translation>&amp;About Soporte</translation>
    </message>
    <message>
        <source>Acerca de Soporte</source>
        <translation>About Soporte</translation>
    </message>
    <message>
        <source>&lt;b&gt;Soporte&lt;/b&gt; %1&lt;br&gt;Cliente de escritorio del sistema de tickets.&lt;br&gt;Servidor: %2</source>
        <translation>&lt;b&gt;Soporte&lt;/b&gt; %1&lt;br&gt;Desktop client of the ticket system.&lt;br&gt;Server: %2</translation>
    </message>
    <message>
        <source>● En vivo</source>
        <translation>● Live</translation>
    </message>
    <message>
        <source>● Conectando…</source>
        <translation>● Connecting…</translation>
    </message>
    <message>
        <source>● Sin conexión en vivo (reintentando)</source>
        <translation>● Live updates lost (retrying)</translation>
    </message>
    <message>
        <source>● Desconectado</source>
        <translation>● Disconnected</translation>
    </message>
    <message>
        <source>Ticket «%1» creado</source>
        <translation>Ticket “%1” created</translation>
    </message>
    <message>
        <source>Cerrar sesión</source>
        <translation>Log out</translation>
    </message>
    <message>
        <source>Si los conserva, volverán a aparecer cuando inicie sesión con esta cuenta.</source>
        <translation>If you keep them, they come back when you log in with this account.</translation>
    </message>
    <message>
        <source>Conservar borradores</source>
        <translation>Keep drafts</translation>
    </message>
    <message>
        <source>Descartar borradores</source>
        <translation>Discard drafts</translation>
    </message>
    <message>
        <source>Borradores sin enviar: %1</source>
        <translation>Unsent drafts: %1</translation>
    </message>
</context>
<context>
    <name>tickets::client::NewTicketDialog</name>
    <message>
        <source>Nuevo ticket</source>
        <translation>New ticket</translation>
    </message>
    <message>
        <source>Título</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Descripción</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Prioridad</source>
        <translation>Priority</translation>
    </message>
    <message>
        <source>Solicitante</source>
        <translation>Requester</translation>
    </message>
    <message>
        <source>Crear ticket</source>
        <translation>Create ticket</translation>
    </message>
</context>
<context>
    <name>tickets::client::Session</name>
    <message>
        <source>Su sesión ha caducado. Vuelva a iniciar sesión.</source>
        <translation>Your session has expired. Please log in again.</translation>
    </message>
    <message>
        <source>No se puede conectar con el servidor: %1</source>
        <translation>Cannot reach the server: %1</translation>
    </message>
</context>
<context>
    <name>tickets::client::SettingsDialog</name>
    <message>
        <source>Ajustes</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Idioma del sistema</source>
        <translation>System language</translation>
    </message>
    <message>
        <source>Servidor</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Idioma</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>Los cambios se aplican al volver a iniciar sesión o al reiniciar la aplicación.</source>
        <translation>Changes apply at the next login or when the application restarts.</translation>
    </message>
</context>
<context>
    <name>tickets::client::TicketDetailView</name>
    <message>
        <source>Enviar</source>
        <translation>Send</translation>
    </message>
    <message>
        <source>Cambiar estado:</source>
        <translation>Change state:</translation>
    </message>
    <message>
        <source>Ctrl+%1</source>
        <translation>Ctrl+%1</translation>
    </message>
    <message>
        <source>Escriba un comentario…</source>
        <translation>Write a comment…</translation>
    </message>
    <message>
        <source>Historial</source>
        <translation>History</translation>
    </message>
    <message>
        <source>Ningún ticket seleccionado</source>
        <translation>No ticket selected</translation>
    </message>
    <message>
        <source>Prioridad %1 · de %2 · creado %3 · actualizado %4</source>
        <translation>Priority %1 · from %2 · created %3 · updated %4</translation>
    </message>
    <message>
        <source>El texto no puede estar vacío</source>
        <translation>The text cannot be empty</translation>
    </message>
    <message>
        <source>Este ticket ya no está en la lista filtrada</source>
        <translation>This ticket is no longer in the filtered list</translation>
    </message>
    <message>
        <source>Nota interna: solo la ve el personal</source>
        <translation>Internal note: only staff can see it</translation>
    </message>
    <message>
        <source>Ctrl+Intro</source>
        <translation>Ctrl+Enter</translation>
    </message>
    <message>
        <source>Guardar nota interna</source>
        <translation>Save internal note</translation>
    </message>
    <message>
        <source>Escriba una nota interna…</source>
        <translation>Write an internal note…</translation>
    </message>
</context>
<context>
    <name>tickets::client::TicketListModel</name>
    <message>
        <source>Título</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Estado</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Prioridad</source>
        <translation>Priority</translation>
    </message>
    <message>
        <source>Solicitante</source>
        <translation>Requester</translation>
    </message>
    <message>
        <source>Creado</source>
        <translation>Created</translation>
    </message>
    <message>
        <source>Actualizado</source>
        <translation>Updated</translation>
    </message>
</context>
<context>
    <name>tickets::client::TimelineModel</name>
    <message>
        <source>Registrado por %1</source>
        <translation>Recorded by %1</translation>
    </message>
</context>
<context>
    <name>tickets::client::UsuarioDialog</name>
    <message>
        <source>Editar usuario</source>
        <translation>Edit user</translation>
    </message>
    <message>
        <source>Nuevo usuario</source>
        <translation>New user</translation>
    </message>
    <message>
        <source>Nombre</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Email</translation>
    </message>
    <message>
        <source>Rol</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Activo</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>Opcional: sin contraseña no podrá iniciar sesión</source>
        <translation>Optional: without a password they cannot log in</translation>
    </message>
    <message>
        <source>Contraseña</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Guardar</source>
        <translation>Save</translation>
    </message>
</context>
<context>
    <name>tickets::client::UsuarioDirectory</name>
    <message>
        <source>Sistema</source>
        <translation>System</translation>
    </message>
</context>
<context>
    <name>tickets::client::UsuarioListModel</name>
    <message>
        <source>Sí</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <source>Nombre</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Email</translation>
    </message>
    <message>
        <source>Rol</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Activo</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>Alta</source>
        <translation>Since</translation>
    </message>
</context>
<context>
    <name>tickets::client::UsuariosView</name>
    <message>
        <source>Nuevo usuario</source>
        <translation>New user</translation>
    </message>
    <message>
        <source>Editar</source>
        <translation>Edit</translation>
    </message>
    <message>
        <source>Desactivar</source>
        <translation>Deactivate</translation>
    </message>
    <message>
        <source>Todos</source>
        <translation>All</translation>
    </message>
    <message>
        <source>Activos</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>Inactivos</source>
        <translation>Inactive</translation>
    </message>
</context>
</TS>
