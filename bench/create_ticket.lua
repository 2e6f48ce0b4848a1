-- POST /tickets for a random user
local users = dofile(os.getenv("BENCH_USERS"))
local n = 0
-- The command line's headers (-H, e.g. the bearer token) plus the JSON content type:
-- wrk.format replaces wrk.headers with the table it is given.
local function json_headers()
    local headers = {["Content-Type"] = "application/json"}
    for name, value in pairs(wrk.headers) do headers[name] = value end
    return headers
end

request = function()
    n = n + 1
    local body = '{"usuario_id":"' .. users[math.random(#users)] .. '","titulo":"Ticket de carga ' .. n ..
                 '","descripcion":"Creado por wrk","prioridad":"alta"}'
    return wrk.format("POST", "/tickets", json_headers(), body)
end
