-- PATCH /tickets/{id}/estado on random tickets with random states
local ids = dofile(os.getenv("BENCH_IDS"))
local users = dofile(os.getenv("BENCH_USERS"))
local estados = {"abierto", "en_proceso", "resuelto", "cerrado"}
request = function()
    return wrk.format("PATCH", "/tickets/" .. ids[math.random(#ids)] .. "/estado?nuevo_estado=" ..
                      estados[math.random(#estados)] .. "&usuario_id=" .. users[math.random(#users)])
end
