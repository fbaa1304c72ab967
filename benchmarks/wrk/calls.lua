-- wrk script of scripts/bench-calls (see there). One connection per thread (run with -c equal to -t):
-- each thread then sends its requests one after another and can chain them.
--   wrk -tN -cN … -s benchmarks/wrk/calls.lua URL -- tickets HALL SLOT NONCE CITIZEN_TOKEN STAFF_TOKEN
--     books a new person into SLOT of HALL, checks the booking in (取号), again and again;
--   wrk -tN -cN … -s benchmarks/wrk/calls.lua URL -- call HALL GROUP STAFF_TOKEN [FIRST]
--     thread n is window GROUP-(FIRST+n-1) (FIRST 1 by default): calls the next ticket (叫号), serves it (办结),
--     again and again. A run stops between a call and its serve, leaving its windows busy (409 window_busy until
--     the call is served or missed): the warm-up therefore works at other windows than the measured phase.
-- done() prints "BENCH <key> <value>" lines (common.lua); tallies are "call 200", "serve 200",
-- "book 201", "checkin 200", "call 404 queue_empty", … so the script can count calls and serves apart.

local bench = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "common.lua")

function setup(thread)
   bench.setup(thread)
end

local mode, hall, slot, group, citizen, staff, person_id, nonce, window
local n = 0
local step = "first"   -- tickets: book | checkin; call: call | serve
local pending           -- the booking id the next request acts on

function init(args)
   mode = args[1]
   hall = args[2]
   if mode == "tickets" then
      slot = args[3]
      citizen = { ["Authorization"] = "Bearer " .. args[5], ["Content-Type"] = "application/json" }
      staff = { ["Authorization"] = "Bearer " .. args[6], ["Content-Type"] = "application/json" }
      -- Each set-up round is a wrk run of its own with a new nonce: the nonce keeps its idempotency keys new too.
      nonce = args[4]
      person_id = bench.people(string.format("%03d9%02d", tonumber(nonce) % 1000, tid % 100))
      step = "book"
   elseif mode == "call" then
      group = args[3]
      staff = { ["Authorization"] = "Bearer " .. args[4], ["Content-Type"] = "application/json" }
      window = string.format("%s-%d", group, (tonumber(args[5]) or 1) + tid - 1)
      step = "call"
   else
      error("first script argument: tickets or call")
   end
end

function request()
   if mode == "tickets" then
      if step == "checkin" and pending then
         return wrk.format("POST", "/api/v1/bookings/" .. pending .. "/check-in", staff, "")
      end
      n = n + 1
      local headers = { ["Authorization"] = citizen["Authorization"], ["Content-Type"] = "application/json",
         ["Idempotency-Key"] = string.format("bench-calls-%s-%s-%d-%d", hall, nonce, tid, n) }
      local body = string.format(
         '{"hallId":"%s","itemId":"bench","slotId":"%s","channel":"app","person":{"idNumber":"%s","name":"压测%d"}}',
         hall, slot, person_id(n), n % 10000)
      step = "book"
      return wrk.format("POST", "/api/v1/bookings", headers, body)
   end
   if step == "serve" and pending then
      return wrk.format("POST", "/api/v1/bookings/" .. pending .. "/serve", staff, string.format('{"windowId":"%s"}', window))
   end
   step = "call"
   return wrk.format("POST", string.format("/api/v1/halls/%s/windows/%s/calls", hall, window), staff, "")
end

function response(status, _, body)
   local key = step .. " " .. bench.problem_key(status, body)
   if step == "book" then
      bench.count(key, status == 201, body)
      pending = status == 201 and body:match('"bookingId"%s*:%s*"([%x%-]+)"') or nil
      step = pending and "checkin" or "book"
   elseif step == "checkin" then
      bench.count(key, status == 200, body)
      pending, step = nil, "book"
   elseif step == "call" then
      bench.count(key, status == 200 or key == "call 404 queue_empty", body)
      pending = status == 200 and body:match('"bookingId"%s*:%s*"([%x%-]+)"') or nil
      step = pending and "serve" or "call"
   else
      bench.count(key, status == 200, body)
      pending, step = nil, "call"
   end
end

function done(summary, latency, requests)
   bench.done(summary, latency, requests)
end
