-- wrk: each request as a random seeded tenant. PATH_TEMPLATE may contain {tenant} (its id is not
-- known to Lua, so tenant-scoped admin paths use the key's tenant via /reef/v1/me* instead).
local tenants = tonumber(os.getenv("TENANTS") or "1000")
local path = os.getenv("BENCH_PATH") or "/reef/v1/me"
math.randomseed(os.time())
request = function()
  local n = math.random(1, tenants)
  local headers = { ["Authorization"] = "Bearer reef_benchkey_" .. n .. "_padpadpadpadpadpadpadpad" }
  return wrk.format("GET", path, headers)
end
