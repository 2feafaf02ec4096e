-- Sends the API's own request examples in turn: the seed article's recommendation request and an action expansion.
-- SOAK_REQUESTS names them as "path=file" pairs separated by spaces.
local requests = {}
local next_request = 0

init = function(args)
  -- wrk's own headers (Host) plus the body's type.
  local headers = { ["Content-Type"] = "application/json" }
  for name, value in pairs(wrk.headers) do
    headers[name] = value
  end

  for pair in string.gmatch(os.getenv("SOAK_REQUESTS") or "", "%S+") do
    local path, file = string.match(pair, "([^=]+)=(.+)")
    local handle = assert(io.open(file, "rb"))
    local body = handle:read("*a")
    handle:close()
    requests[#requests + 1] = wrk.format("POST", path, headers, body)
  end
end

request = function()
  next_request = next_request % #requests + 1
  return requests[next_request]
end
