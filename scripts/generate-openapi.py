#!/usr/bin/env python3
# Writes resources/openapi.json (the API description served at /openapi.json):
#   python3 scripts/generate-openapi.py > resources/openapi.json
# tst_openapi fails when the document and the router (or tickets_common's rules) disagree.
import json
def ref(n): return {"$ref": f"#/components/schemas/{n}"}
def jresp(desc, schema): return {"description": desc, "content": {"application/json": {"schema": schema}}}
uuid = {"type": "string", "format": "uuid"}
ts = {"type": "string", "format": "date-time", "example": "2024-01-15T10:30:00.123Z"}
err = lambda d: jresp(d, ref("HTTPError"))
E422 = jresp("Validation Error", ref("HTTPValidationError"))
E503 = err("Base de datos no disponible")
E413 = err("El cuerpo supera el límite configurado (1 MiB por defecto)")
total = {"X-Total-Count": {"description": "Total de elementos sin skip/limit", "schema": {"type": "integer"}}}
def q(name, schema, desc, required=False): return {"name": name, "in": "query", "required": required, "schema": schema, "description": desc}
def p(name, desc): return {"name": name, "in": "path", "required": True, "schema": uuid, "description": desc}
skip = q("skip", {"type": "integer", "minimum": 0, "default": 0}, "Registros a saltar")
def limit(default, mx=1000): return q("limit", {"type": "integer", "minimum": 1, "maximum": mx, "default": default}, "Máximo de registros")
def body(n): return {"required": True, "content": {"application/json": {"schema": ref(n)}}}
def op(tag, summary, oid, responses, params=None, rb=None, desc=None):
    o = {"tags": [tag], "summary": summary, "operationId": oid, "responses": responses}
    if params: o["parameters"] = params
    if rb: o["requestBody"] = rb
    if desc: o["description"] = desc
    return o
lst = lambda n, d: {"description": d, "headers": total, "content": {"application/json": {"schema": {"type": "array", "items": ref(n)}}}}
paths = {
 "/usuarios": {
   "get": op("usuarios", "Listar usuarios", "listar_usuarios", {"200": lst("UsuarioResponse", "Usuarios, los más recientes primero"), "422": E422, "503": E503},
             [skip, limit(20), q("activo", {"type": "boolean"}, "Filtrar por estado activo")]),
   "post": op("usuarios", "Crear usuario", "crear_usuario", {"200": jresp("Usuario creado", ref("UsuarioResponse")), "400": err("El email ya está registrado"), "413": E413, "422": E422, "503": E503}, rb=body("UsuarioCreate"))},
 "/usuarios/{usuario_id}": {
   "get": op("usuarios", "Obtener usuario", "obtener_usuario", {"200": jresp("Usuario", ref("UsuarioResponse")), "404": err("Usuario no encontrado"), "422": E422, "503": E503}, [p("usuario_id", "UUID del usuario")]),
   "patch": op("usuarios", "Actualizar usuario", "actualizar_usuario", {"200": jresp("Usuario actualizado", ref("UsuarioResponse")), "400": err("El email ya está registrado"), "404": err("Usuario no encontrado"), "413": E413, "422": E422, "503": E503}, [p("usuario_id", "UUID del usuario")], body("UsuarioUpdate"), "Solo cambian los campos presentes."),
   "delete": op("usuarios", "Desactivar usuario", "desactivar_usuario", {"200": jresp("Usuario desactivado (activo=false); su historial se conserva", ref("UsuarioResponse")), "404": err("Usuario no encontrado"), "422": E422, "503": E503}, [p("usuario_id", "UUID del usuario")])},
 "/tickets": {
   "get": op("tickets", "Listar tickets", "listar_tickets", {"200": lst("TicketResponse", "Tickets, los más recientes primero"), "422": E422, "503": E503},
             [skip, limit(20), q("estado", ref("Estado"), "Filtrar por estado"), q("prioridad", ref("Prioridad"), "Filtrar por prioridad"),
              q("usuario_id", uuid, "Filtrar por solicitante"), q("q", {"type": "string", "maxLength": 200}, "Texto en título o descripción, sin distinguir mayúsculas ni acentos")]),
   "post": op("tickets", "Crear ticket", "crear_ticket", {"200": jresp("Ticket creado", ref("TicketResponse")), "404": err("Usuario no encontrado"), "413": E413, "422": E422, "503": E503}, rb=body("TicketCreate"))},
 "/tickets/resumen": {"get": op("tickets", "Resumen de tickets", "resumen_tickets", {"200": jresp("Cantidad por estado y por prioridad", ref("TicketResumen")), "503": E503})},
 "/tickets/{ticket_id}": {"get": op("tickets", "Obtener ticket", "obtener_ticket", {"200": jresp("Ticket", ref("TicketResponse")), "404": err("Ticket no encontrado"), "422": E422, "503": E503}, [p("ticket_id", "UUID del ticket")])},
 "/tickets/{ticket_id}/estado": {"patch": op("tickets", "Actualizar estado", "actualizar_estado",
     {"200": jresp("Estado actualizado", ref("EstadoActualizado")), "404": err("Ticket no encontrado / Usuario no encontrado"), "422": E422, "503": E503},
     [p("ticket_id", "UUID del ticket"), q("nuevo_estado", ref("Estado"), "Nuevo estado", True), q("usuario_id", uuid, "Usuario que realiza el cambio", True)],
     desc="Bloqueo pesimista (SELECT ... FOR UPDATE); registra una interacción cambio_estado en la misma transacción.")},
 "/tickets/{ticket_id}/interacciones": {"get": op("interacciones", "Interacciones de un ticket", "interacciones_ticket",
     {"200": lst("InteraccionResponse", "Interacciones, las más recientes primero (50 por defecto)"), "404": err("Ticket no encontrado"), "422": E422, "503": E503},
     [p("ticket_id", "UUID del ticket"), skip, limit(50)])},
 "/interacciones": {"post": op("interacciones", "Crear interacción", "crear_interaccion", {"200": jresp("Interacción creada", ref("InteraccionResponse")), "404": err("Ticket no encontrado / Usuario no encontrado"), "413": E413, "422": E422, "503": E503}, rb=body("InteraccionCreate"))},
 "/eventos": {"get": op("eventos", "Eventos desde un seq", "eventos_desde", {"200": jresp("Eventos publicados después de since, en orden, tal como se publicaron en canal:batch:eventos", {"type": "array", "items": ref("Evento")}), "422": E422, "503": E503},
     [q("since", {"type": "integer", "minimum": 0, "default": 0}, "Último seq recibido"), limit(100)],
     desc="Para ponerse al día tras una desconexión o un hueco en seq. Se conservan al menos 24 horas.")},
 "/eventos/stream": {"get": op("eventos", "Eventos en vivo (server-sent events)", "eventos_stream",
     {"200": {"description": "text/event-stream: un evento por mensaje de canal:batch:eventos (id = seq, event = evento, data = JSON)", "content": {"text/event-stream": {"schema": {"type": "string"}}}}},
     [{"name": "Last-Event-ID", "in": "header", "required": False, "schema": {"type": "integer"}, "description": "Reanuda después de este seq"},
      q("since", {"type": "integer", "minimum": 0}, "Como Last-Event-ID, para clientes que no pueden enviar cabeceras")])},
 "/ws/eventos": {"get": op("eventos", "Eventos en vivo (WebSocket)", "eventos_ws",
     {"101": {"description": "Conexión WebSocket: cada mensaje de texto es un evento de canal:batch:eventos, sin cambios. Sin un token válido (con AUTH_REQUIRED=true) el servidor cierra la conexión con el código 1008."}, "426": err("Se necesita una conexión WebSocket")})},
 "/notificaciones": {"get": op("notificaciones", "Notificaciones de un usuario", "listar_notificaciones",
     {"200": lst("NotificacionResponse", "Notificaciones, las más recientes primero"), "422": E422, "503": E503},
     [q("usuario_id", uuid, "Destinatario", True), q("solo_no_leidas", {"type": "boolean", "default": False}, "Solo las no leídas"), skip, limit(50)])},
 "/notificaciones/{notificacion_id}/leida": {"patch": op("notificaciones", "Marcar como leída", "marcar_leida",
     {"200": jresp("Notificación leída", ref("NotificacionResponse")), "404": err("Notificación no encontrada"), "422": E422, "503": E503},
     [{"name": "notificacion_id", "in": "path", "required": True, "schema": {"type": "integer", "minimum": 1}}])},
 "/auth/login": {"post": op("auth", "Iniciar sesión", "login", {"200": jresp("Sesión iniciada: el token va en Authorization: Bearer", ref("LoginResult")), "401": err("Email o contraseña incorrectos"), "422": E422, "429": err("Demasiados intentos fallidos (Retry-After dice cuándo volver a intentarlo)"), "503": E503}, rb=body("LoginRequest"),
     desc="Cinco intentos fallidos para un email desde una dirección en 15 minutos bloquean ese email desde esa dirección hasta que pase la ventana.")},
 "/auth/logout": {"post": op("auth", "Cerrar sesión", "logout", {"204": {"description": "Token revocado"}, "401": err("Not authenticated")})},
 "/auth/me": {"get": op("auth", "Usuario de la sesión", "me", {"200": jresp("Quién llama", ref("UsuarioResponse")), "401": err("Not authenticated")})},
 "/usuarios/{usuario_id}/password": {"put": op("auth", "Cambiar contraseña", "cambiar_password",
     {"200": jresp("Contraseña actualizada; las demás sesiones del usuario se cierran", {"type": "object", "properties": {"mensaje": {"type": "string"}}}), "400": err("Falta o no es correcta la contraseña actual"), "401": err("Not authenticated"), "403": err("Solo un administrador puede gestionar usuarios"), "404": err("Usuario no encontrado"), "422": E422, "503": E503},
     [p("usuario_id", "UUID del usuario")], body("PasswordChange"), "La propia, con password_actual; un administrador cambia la de cualquiera sin ella.")},
 "/health": {"get": op("health", "Estado de los servicios", "health", {"200": jresp("ok o degraded", ref("Health"))})},
 "/health/ready": {"get": op("health", "Listo para recibir tráfico", "health_ready", {"200": jresp("Base de datos accesible", {"type": "object"}), "503": jresp("Base de datos no disponible", {"type": "object"})})},
 "/debug/cors": {"get": op("debug", "Configuración de CORS", "debug_cors", {"200": jresp("Configuración efectiva", ref("DebugCors"))})},
 "/test-cors": {"get": op("debug", "Probar CORS", "test_cors", {"200": jresp("CORS funcionando", {"type": "object", "properties": {"status": {"type": "string"}, "message": {"type": "string"}, "timestamp": ts}})})},
}
def obj(props, required): return {"type": "object", "properties": props, "required": required}
schemas = {
 "Rol": {"type": "string", "enum": ["usuario", "admin", "soporte"]},
 "Estado": {"type": "string", "enum": ["abierto", "en_proceso", "resuelto", "cerrado"]},
 "Prioridad": {"type": "string", "enum": ["baja", "media", "alta", "critica"]},
 "TipoInteraccion": {"type": "string", "enum": ["comentario", "cambio_estado", "nota_interna"]},
 "UsuarioCreate": obj({"email": {"type": "string", "format": "email"}, "nombre": {"type": "string", "minLength": 1, "maxLength": 255}, "rol": {"allOf": [ref("Rol")], "default": "usuario"}, "password": {"type": "string", "format": "password", "minLength": 8, "maxLength": 128, "description": "Opcional: sin contraseña la cuenta no puede iniciar sesión"}}, ["email", "nombre"]),
 "LoginRequest": obj({"email": {"type": "string"}, "password": {"type": "string", "format": "password"}}, ["email", "password"]),
 "LoginResult": obj({"access_token": {"type": "string"}, "token_type": {"type": "string", "enum": ["bearer"]}, "expires_in": {"type": "integer", "description": "Segundos; cada uso del token renueva el plazo"}, "usuario": ref("UsuarioResponse")}, ["access_token", "token_type", "expires_in", "usuario"]),
 "PasswordChange": obj({"password_actual": {"type": "string", "format": "password"}, "password_nuevo": {"type": "string", "format": "password", "minLength": 8, "maxLength": 128}}, ["password_nuevo"]),
 "UsuarioUpdate": {"type": "object", "properties": {"email": {"type": "string", "format": "email"}, "nombre": {"type": "string", "minLength": 1, "maxLength": 255}, "rol": ref("Rol"), "activo": {"type": "boolean"}}},
 "UsuarioResponse": obj({"id": uuid, "email": {"type": "string"}, "nombre": {"type": "string"}, "rol": ref("Rol"), "activo": {"type": "boolean"}, "fecha_creacion": ts}, ["id", "email", "nombre", "rol", "activo", "fecha_creacion"]),
 "TicketCreate": obj({"usuario_id": uuid, "titulo": {"type": "string", "minLength": 1, "maxLength": 255}, "descripcion": {"type": "string", "maxLength": 100000}, "prioridad": {"allOf": [ref("Prioridad")], "default": "media"}}, ["usuario_id", "titulo", "descripcion"]),
 "TicketResponse": obj({"id": uuid, "usuario_id": uuid, "titulo": {"type": "string"}, "descripcion": {"type": "string"}, "estado": ref("Estado"), "prioridad": ref("Prioridad"), "fecha_creacion": ts, "fecha_actualizacion": ts}, ["id", "usuario_id", "titulo", "descripcion", "estado", "prioridad", "fecha_creacion", "fecha_actualizacion"]),
 "InteraccionCreate": obj({"ticket_id": uuid, "usuario_id": {"anyOf": [uuid, {"type": "null"}]}, "tipo": {"allOf": [ref("TipoInteraccion")], "default": "comentario"}, "contenido": {"type": "string", "minLength": 1, "maxLength": 100000}}, ["ticket_id", "contenido"]),
 "InteraccionResponse": obj({"id": {"type": "integer"}, "ticket_id": uuid, "usuario_id": {"anyOf": [uuid, {"type": "null"}]}, "tipo": ref("TipoInteraccion"), "contenido": {"type": "string"}, "fecha_creacion": ts, "registrado_por": {"allOf": [uuid], "description": "Personal que la registró en nombre de usuario_id (solo cuando es otro)"}}, ["id", "ticket_id", "usuario_id", "tipo", "contenido", "fecha_creacion"]),
 "EstadoActualizado": obj({"mensaje": {"type": "string", "example": "Estado actualizado correctamente"}, "estado": ref("Estado")}, ["mensaje", "estado"]),
 "TicketResumen": obj({"total": {"type": "integer"}, "por_estado": {"type": "object", "additionalProperties": {"type": "integer"}}, "por_prioridad": {"type": "object", "additionalProperties": {"type": "integer"}}}, ["total", "por_estado", "por_prioridad"]),
 "Health": obj({"status": {"type": "string", "enum": ["ok", "degraded"]}, "timestamp": ts, "services": obj({"redis": {"type": "string"}, "database": {"type": "string"}}, ["redis", "database"]), "version": {"type": "string"}, "uptime_segundos": {"type": "integer"}, "latencia_ms": {"type": "object", "additionalProperties": {"type": "number"}}}, ["status", "timestamp", "services"]),
 "DebugCors": obj({"cors_origins": {"type": "array", "items": {"type": "string"}}, "cors_origins_raw": {"type": "string"}, "cors_origins_type": {"type": "string"}, "cors_origin_regex": {"type": "string"}, "message": {"type": "string"}, "cors_allow_all": {"type": "boolean"}}, ["cors_origins", "cors_origins_raw", "cors_origins_type", "message", "cors_allow_all"]),
 "Evento": {"type": "object", "properties": {"evento": {"type": "string", "enum": ["ticket_creado", "ticket_actualizado", "interaccion_creada", "usuario_creado", "usuario_actualizado", "notificacion_creada"]}, "ticket_id": uuid, "usuario_id": uuid, "estado": ref("Estado"), "interaccion_id": {"type": "integer"}, "tipo": ref("TipoInteraccion"), "notificacion_id": {"type": "integer"}, "timestamp": ts, "seq": {"type": "integer"}}, "required": ["evento", "timestamp", "seq"]},
 "NotificacionResponse": obj({"id": {"type": "integer"}, "usuario_id": uuid, "ticket_id": uuid, "mensaje": {"type": "string"}, "leida": {"type": "boolean"}, "fecha_creacion": ts}, ["id", "usuario_id", "ticket_id", "mensaje", "leida", "fecha_creacion"]),
 "HTTPError": obj({"detail": {"type": "string"}}, ["detail"]),
 "ValidationError": obj({"loc": {"type": "array", "items": {"anyOf": [{"type": "string"}, {"type": "integer"}]}}, "msg": {"type": "string"}, "type": {"type": "string"}, "input": {}, "ctx": {"type": "object"}}, ["loc", "msg", "type"]),
 "HTTPValidationError": {"type": "object", "properties": {"detail": {"type": "array", "items": ref("ValidationError")}}},
}
# Authentication (AUTH_REQUIRED=true, the default): every route needs a bearer token but these.
public = {("post", "/auth/login"), ("get", "/health"), ("get", "/health/ready"), ("get", "/test-cors")}
for path, methods in paths.items():
    for method, operation in methods.items():
        if (method, path) in public:
            operation["security"] = []
        else:
            operation["responses"].setdefault("401", err("Not authenticated (falta el token, no es válido o caducó)"))
            operation["responses"].setdefault("403", err("El rol del usuario no lo permite"))
for path in ("/ws/eventos", "/eventos/stream"):
    paths[path]["get"].setdefault("parameters", []).append(q("access_token", {"type": "string"}, "El token, para clientes que no pueden enviar la cabecera Authorization"))
doc = {"openapi": "3.1.0", "info": {"title": "Soporte - Sistema de Tickets", "version": "@TICKETS_VERSION@",
       "description": "API REST de tickets de soporte (contrato del backend original en FastAPI). Los errores siguen el formato de FastAPI: {\"detail\": ...}. Roles: usuario (sus tickets, sin notas internas), soporte (todos los tickets, estados, notas internas, lectura de usuarios), admin (todo)."},
       "paths": paths, "security": [{"bearer": []}],
       "components": {"schemas": schemas, "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer",
           "description": "Token de POST /auth/login. Con AUTH_REQUIRED=false la API no lo exige (contrato original)."}}}}
print(json.dumps(doc, ensure_ascii=False, indent=1))
