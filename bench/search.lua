-- GET /tickets?q=<word> with case- and accent-insensitive words of the seed data
local words = {"facturacion", "SESION", "toner", "exportar", "vpn", "azul", "M%C3%A1laga", "sincroniza"}
request = function()
    return wrk.format("GET", "/tickets?limit=20&q=" .. words[math.random(#words)])
end
