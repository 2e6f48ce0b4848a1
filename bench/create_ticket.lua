-- POST /tickets for a random user
local users = dofile(os.getenv("BENCH_USERS"))
local n = 0
request = function()
    n = n + 1
    local body = '{"usuario_id":"' .. users[math.random(#users)] .. '","titulo":"Ticket de carga ' .. n ..
                 '","descripcion":"Creado por wrk","prioridad":"alta"}'
    return wrk.format("POST", "/tickets", {["Content-Type"] = "application/json"}, body)
end
