-- wrk script of scripts/bench-sanitation (see there). Every request is a new disinfection record
-- (POST /api/v1/halls/{hallId}/sanitation/records) with a recordId of its own:
--   wrk … -s benchmarks/wrk/sanitation.lua URL -- alive
--   wrk … -s benchmarks/wrk/sanitation.lua URL -- record TARGETS.lua NONCE PHASE THREADS TOKEN
-- TARGETS.lua returns { {hallId, zoneId, taskId, method, agent, strength}, … }: the open tasks of the
-- phase's halls as their boards list them, agent and strength as each task requires (chlorine 500 mg/L,
-- alcohol 75 %, airing without agent). Thread t's n-th request takes target (n − 1) × THREADS + t, so no
-- two requests name the same task; once the targets are used up, the thread goes round them again
-- without taskId (ad hoc records in the same zones, same method and agent). wrk builds the first
-- thread's first request once before the run to check the script and never sends it, so the first
-- target stays open (tasks targeted − 1 is the most a phase completes). Every record ran from 10 to
-- 5 minutes before it is sent. recordIds name the run (NONCE), PHASE (0–9), the thread and n. Answers
-- are counted by status and, for 201, by outcome ("201 done", "201 late", "201 ad_hoc"); done()
-- prints the machine-readable lines "BENCH <key> <value>" (common.lua) that the bash script reads.

local bench = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "common.lua")

function setup(thread)
   bench.setup(thread)
end

-- Thread state (init, request, response).
local mode, targets, nonce, phase, nthreads, headers

function init(args)
   mode = args[1]
   if mode == "record" then
      targets, nonce, phase, nthreads, headers = bench.target_args(args)
   elseif mode ~= "alive" then
      error("first script argument: alive or record")
   end
end

request = bench.requests(function() return mode end, function(n)
   local index = (n - 1) * nthreads + tid - 1
   local target = targets[index % #targets + 1]
   local hall, zone, task, method, agent, strength = target[1], target[2], target[3], target[4], target[5], target[6]
   local task_part = ""
   if index < #targets then
      task_part = string.format('"taskId":"%s",', task)
   end
   local agent_part = ""
   if agent ~= "" then
      agent_part = string.format('"agent":"%s","strength":%s,', agent, strength)
   end
   local now = os.time()
   local body = string.format(
      '{"recordId":"%08x-%04x-7%03x-8000-%012x",%s"zoneId":"%s","method":"%s",%s'
         .. '"startedAt":"%s","endedAt":"%s","notes":"压测 %d"}',
      nonce, phase, tid % 4096, n, task_part, zone, method, agent_part,
      os.date("!%Y-%m-%dT%H:%M:%SZ", now - 600), os.date("!%Y-%m-%dT%H:%M:%SZ", now - 300), n)
   return wrk.format("POST", "/api/v1/halls/" .. hall .. "/sanitation/records", headers, body)
end)

function response(status, _, body)
   bench.count_outcome(status, body)
end

function done(summary, latency, requests)
   bench.done(summary, latency, requests)
end
