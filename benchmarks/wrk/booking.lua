-- wrk script of scripts/bench-booking (see there). Every request is a new person booking once:
--   wrk … -s benchmarks/wrk/booking.lua URL -- alive
--   wrk … -s benchmarks/wrk/booking.lua URL -- book TARGETS.lua NONCE PHASE THREADS TOKEN
-- TARGETS.lua returns { {hallId, itemId, slotId}, … }; the threads book them round-robin.
-- NONCE (0–999, one per run) and PHASE (0–9) go into the ID numbers and Idempotency-Keys, so no
-- two requests of a run, and almost never two of different runs, name the same person or key.
-- done() prints machine-readable lines "BENCH <key> <value>" (common.lua) that the bash script
-- reads; wrk's own text summary stays above them for people.

local bench = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "common.lua")

function setup(thread)
   bench.setup(thread)
end

-- Thread state (init, request, response).
local mode, targets, nonce, phase, nthreads, headers, person_id

function init(args)
   mode = args[1]
   if mode == "book" then
      targets, nonce, phase, nthreads, headers = bench.target_args(args)
      headers["Idempotency-Key"] = ""
      -- The six "region" digits of the ID numbers name the run, the phase and the thread.
      person_id = bench.people(string.format("%03d%d%02d", nonce % 1000, phase % 10, tid % 100))
   elseif mode ~= "alive" then
      error("first script argument: alive or book")
   end
end

request = bench.requests(function() return mode end, function(n)
   local target = targets[((n - 1) * nthreads + tid - 1) % #targets + 1]
   headers["Idempotency-Key"] = string.format("bench-%03d-%d-%d-%d", nonce, phase, tid, n)
   local body = string.format(
      '{"hallId":"%s","itemId":"%s","slotId":"%s","channel":"app",'
         .. '"person":{"idNumber":"%s","name":"压测%d","phone":"139%08d"}}',
      target[1], target[2], target[3], person_id(n), n % 10000, (tid * 10000000 + n) % 100000000)
   return wrk.format("POST", "/api/v1/bookings", headers, body)
end)

function response(status, _, body)
   local key = bench.problem_key(status, body)
   bench.count(key, status == 200 or status == 201 or key == "409 slot_full" or key == "409 quota_reached", body)
end

function done(summary, latency, requests)
   bench.done(summary, latency, requests)
end
