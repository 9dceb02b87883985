-- wrk script of bench/scim-load.sh: one of three request kinds, chosen by the first argument after --
--   post TOKEN RUN      POST /scim/v2/Users, each body a new person: userName, externalId, e-mail and
--                       employeeNumber unique per run (RUN), thread and request
--   get TOKEN IDS_FILE  GET /scim/v2/Users/{id}, the ids of IDS_FILE (one a line) in turn
--   health              GET /actuator/health (no token)
-- Every answer outside 200-299 is counted (wrk itself counts only >= 400 and socket errors); the first
-- one is kept. done() prints one line "result key=value ..." that bench/scim-load.sh reads.

local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("thread_number", #threads)
end

local mode, run, ids
local sent = 0
errors, first_error = 0, "" -- globals: done() reads them with thread:get
local enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"

function init(args)
  mode = args[1]
  if mode ~= "health" then
    wrk.headers["Authorization"] = "Bearer " .. args[2]
  end
  if mode == "post" then
    run = args[3]
    wrk.method = "POST"
    wrk.headers["Content-Type"] = "application/scim+json"
  elseif mode == "get" then
    ids = {}
    for line in io.lines(args[3]) do
      if line ~= "" then ids[#ids + 1] = line end
    end
    sent = (thread_number - 1) * 997 -- threads start at different ids
  end
end

function request()
  sent = sent + 1
  if mode == "post" then
    local key = string.format("%s-%d-%d", run, thread_number, sent)
    local body = '{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","' .. enterprise .. '"],'
      .. '"userName":"load-' .. key .. '@example.com","externalId":"ext-' .. key .. '",'
      .. '"name":{"givenName":"Load","familyName":"Person ' .. key .. '"},'
      .. '"emails":[{"value":"load-' .. key .. '@example.com","type":"work","primary":true}],'
      .. '"title":"Engineer","userType":"employee","active":true,'
      .. '"' .. enterprise .. '":{"employeeNumber":"E-' .. key .. '","department":"Engineering"}}'
    return wrk.format(nil, "/scim/v2/Users", nil, body)
  elseif mode == "get" then
    return wrk.format(nil, "/scim/v2/Users/" .. ids[sent % #ids + 1])
  end
  return wrk.format(nil, "/actuator/health")
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    errors = errors + 1
    if first_error == "" then
      first_error = status .. " " .. string.gsub(string.sub(body or "", 1, 200), "%s+", " ")
    end
  end
end

function done(summary, latency, requests)
  local errors_total, first = 0, ""
  for _, thread in ipairs(threads) do
    errors_total = errors_total + thread:get("errors")
    if first == "" then first = thread:get("first_error") end
  end
  local socket = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout
  io.write(string.format(
    "result requests=%d seconds=%.3f per_second=%.1f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f"
      .. " non2xx=%d socket_errors=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    errors_total, socket))
  if first ~= "" then io.write("first_error " .. first .. "\n") end
end
