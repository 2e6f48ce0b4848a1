-- GET /tickets/{id} over a random one of the ids in ids.lua
local ids = dofile(os.getenv("BENCH_IDS"))
request = function()
    return wrk.format("GET", "/tickets/" .. ids[math.random(#ids)])
end
