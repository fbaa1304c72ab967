-- wrk script of scripts/bench-screening (see there). Every request is a new visitor's reading at the
-- entrance (POST /api/v1/screenings), decided and stored by the screening service:
--   wrk … -s benchmarks/wrk/screening.lua URL -- alive
--   wrk … -s benchmarks/wrk/screening.lua URL -- screen HALL NONCE PHASE TOKEN
-- NONCE (0–999, one per run) and PHASE (0–9) go into the ID numbers, so no two requests of a run,
-- and almost never two of different runs, name the same person. The hall's policy is expected to
-- need no booking (bookingRequired false); then the readings are, by k = 37 n mod 100 of the request
-- number n of each thread (the same mix in every 100 requests, spread out, the same in every phase):
--   k in 0–1     yellow health code        → isolate  (AbnormalPersonDetected)   2 %
--   k in 2–5     37.4 °C, first reading    → retest   (no event)                 4 %
--   k in 6–9     no mask (policy: refuse)  → deny     (ScreeningDenied)          4 %
--   otherwise    green code, negative test 24 h before the thread started, 36.6 °C, mask
--                                          → admit    (PersonAdmitted)          90 %
-- Answers are counted by status and, for 201, by outcome ("201 admit", …); done() prints the
-- machine-readable lines "BENCH <key> <value>" (common.lua) that the bash script reads.

local bench = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "common.lua")

function setup(thread)
   bench.setup(thread)
end

-- Thread state (init, request, response).
local mode, hall, headers, person_id, lanes, test_at

function init(args)
   mode = args[1]
   if mode == "screen" then
      hall = args[2]
      local nonce, phase = tonumber(args[3]), tonumber(args[4])
      headers = {
         ["Authorization"] = "Bearer " .. args[5],
         ["Content-Type"] = "application/json",
      }
      -- The six "region" digits of the ID numbers name the run, the phase and the thread.
      person_id = bench.people(string.format("%03d%d%02d", nonce % 1000, phase % 10, tid % 100))
      lanes = { "A" .. tid, "B" .. tid }
      -- A nucleic-acid test 24 h before the thread started, in UTC: valid (48 h) for a whole run.
      test_at = os.date("!%Y-%m-%dT%H:%M:%SZ", os.time() - 24 * 3600)
   elseif mode ~= "alive" then
      error("first script argument: alive or screen")
   end
end

request = bench.requests(function() return mode end, function(n)
   local kind = n * 37 % 100
   local code, temperature, mask = "green", "36.6", "true"
   if kind < 2 then
      code = "yellow"
   elseif kind < 6 then
      temperature = "37.4"
   elseif kind < 10 then
      mask = "false"
   end
   local body = string.format(
      '{"hallId":"%s","personKind":"visitor","person":{"idNumber":"%s","name":"测试%d"},'
         .. '"healthCode":"%s","testAt":"%s","testResult":"negative","temperatureC":%s,"mask":%s,"lane":"%s"}',
      hall, person_id(n), n % 10000, code, test_at, temperature, mask, lanes[n % 2 + 1])
   return wrk.format("POST", "/api/v1/screenings", headers, body)
end)

-- The decision's outcome comes before its findings (which have outcomes of their own).
function response(status, _, body)
   bench.count_outcome(status, body)
end

function done(summary, latency, requests)
   bench.done(summary, latency, requests)
end
