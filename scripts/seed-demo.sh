#!/usr/bin/env bash
# Fills a running server with a few people and tickets to look at (for the README screenshot
# and for trying the desktop client):
#   scripts/seed-demo.sh [URL] [ADMIN_EMAIL] [ADMIN_PASSWORD]
# Defaults: http://127.0.0.1:8000, admin@soporte.local, the password in .data/admin-password.
# Every seeded person's password is "demo-clave-2026".
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
url=${1:-http://127.0.0.1:8000}
email=${2:-admin@soporte.local}
password=${3:-$(cat "$root/.data/admin-password" 2>/dev/null || true)}

api() { # METHOD PATH [JSON]
    curl -fsS -X "$1" "$url$2" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' ${3:+-d "$3"}
}
token=$(curl -fsS "$url/auth/login" -H 'Content-Type: application/json' \
    -d "$(jq -n --arg e "$email" --arg p "$password" '{email: $e, password: $p}')" | jq -r .access_token)

person() { # EMAIL NOMBRE ROL -> id (an existing address is looked up)
    local id
    id=$(api POST /usuarios "$(jq -n --arg e "$1" --arg n "$2" --arg r "$3" \
        '{email: $e, nombre: $n, rol: $r, password: "demo-clave-2026"}')" 2>/dev/null | jq -r .id) || true
    if [ -z "$id" ] || [ "$id" = null ]; then
        id=$(api GET "/usuarios?limit=1000" | jq -r --arg e "$1" '.[] | select(.email == $e) | .id')
    fi
    echo "$id"
}
ana=$(person ana.garcia@example.com "Ana García" soporte)
luis=$(person luis.perez@example.com "Luis Pérez" soporte)
marta=$(person marta.ruiz@example.com "Marta Ruiz" usuario)
jorge=$(person jorge.lopez@example.com "Jorge López" usuario)
lucia=$(person lucia.fernandez@example.com "Lucía Fernández" usuario)

ticket() { # USUARIO TITULO DESCRIPCION PRIORIDAD -> id
    api POST /tickets "$(jq -n --arg u "$1" --arg t "$2" --arg d "$3" --arg p "$4" \
        '{usuario_id: $u, titulo: $t, descripcion: $d, prioridad: $p}')" | jq -r .id
}
estado() { api PATCH "/tickets/$1/estado?nuevo_estado=$2&usuario_id=$3" >/dev/null; }
nota() { # TICKET USUARIO TIPO TEXTO
    api POST /interacciones "$(jq -n --arg t "$1" --arg u "$2" --arg k "$3" --arg c "$4" \
        '{ticket_id: $t, usuario_id: $u, tipo: $k, contenido: $c}')" >/dev/null
}

t2=$(ticket "$jorge" "No puedo acceder al correo desde el móvil" "Tras cambiar la contraseña, Outlook en el móvil pide credenciales una y otra vez." media)
t3=$(ticket "$lucia" "El ERP va muy lento a primera hora" "Entre las 8 y las 9 cada pantalla tarda más de 10 segundos en abrir." critica)
t4=$(ticket "$marta" "Solicitud de un segundo monitor" "Para el puesto de contabilidad, si es posible de 24 pulgadas." baja)
t5=$(ticket "$jorge" "VPN desconecta cada 20 minutos" "Trabajo desde casa y la VPN se cae sin aviso." alta)
t6=$(ticket "$lucia" "Alta de un nuevo empleado en el dominio" "Empieza el lunes: Pedro Sánchez, departamento comercial." media)
t7=$(ticket "$marta" "Teclado con teclas que no responden" "La fila de la A a la L a veces no escribe." baja)
t8=$(ticket "$jorge" "Certificado caducado en la intranet" "El navegador avisa de que el certificado no es válido." critica)

t1=$(ticket "$marta" "La impresora de la segunda planta no imprime" "Desde esta mañana la HP de la segunda planta muestra 'papel atascado' aunque no hay papel dentro." alta)

estado "$t1" en_proceso "$ana"
nota "$t1" "$ana" comentario "Voy de camino a revisarla."
nota "$t1" "$ana" nota_interna "Es la tercera vez este mes: pedir presupuesto de una nueva."
nota "$t1" "$marta" comentario "Gracias, estoy en la mesa junto a la ventana."
estado "$t2" en_proceso "$luis"
nota "$t2" "$luis" comentario "Elimine la cuenta en el móvil y vuelva a añadirla, por favor."
estado "$t4" resuelto "$ana"
estado "$t6" resuelto "$luis"
estado "$t6" cerrado "$luis"
nota "$t3" "$ana" nota_interna "Coincide con la copia de seguridad nocturna que se alarga."
estado "$t8" en_proceso "$luis"
echo "seed-demo: 5 people and 8 tickets on $url (password demo-clave-2026)"
