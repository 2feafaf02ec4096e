-- wrk: POST the file named by BODY_FILE as JSON, on every request; with API_KEY set, in the X-Api-Key header too.
local file = assert(io.open(assert(os.getenv("BODY_FILE"), "BODY_FILE is not set"), "rb"))
wrk.method = "POST"
wrk.body = file:read("*a")
wrk.headers["Content-Type"] = "application/json"
local key = os.getenv("API_KEY")
if key and key ~= "" then wrk.headers["X-Api-Key"] = key end
file:close()
