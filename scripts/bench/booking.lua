-- wrk script of scripts/bench-booking (see there). Every request is a new person booking once:
--   wrk … -s scripts/bench/booking.lua URL -- alive
--   wrk … -s scripts/bench/booking.lua URL -- book TARGETS.lua NONCE PHASE THREADS TOKEN
-- TARGETS.lua returns { {hallId, itemId, slotId}, … }; the threads book them round-robin.
-- NONCE (0–999, one per run) and PHASE (0–9) go into the ID numbers and Idempotency-Keys, so no
-- two requests of a run, and almost never two of different runs, name the same person or key.
-- done() prints machine-readable lines "BENCH <key> <value>" (latencies in microseconds) that the
-- bash script reads; wrk's own text summary stays above them for people.

-- Main state (setup and done): one entry per wrk thread, to collect their tallies.
local threads = {}
local thread_count = 0

function setup(thread)
   thread_count = thread_count + 1
   thread:set("tid", thread_count)
   table.insert(threads, thread)
end

-- Thread state (init, request, response).
local mode, targets, nonce, phase, nthreads, headers, region
local births = {}
local n = 0
-- Globals so that done() can read them with thread:get().
tally = {}    -- "201" = count, "409 slot_full" = count, …
samples = {}  -- first body of every unexpected answer, by tally key

-- GB 11643: weights of the first 17 digits and the check character for (sum mod 11).
local weights = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 }
local checks = "10X98765432"

local function id_number(first17)
   local sum = 0
   for i = 1, 17 do
      sum = sum + (first17:byte(i) - 48) * weights[i]
   end
   local k = sum % 11 + 1
   return first17 .. checks:sub(k, k)
end

-- Every day from 1980-01-01 to 1999-12-31 as yyyymmdd: adults, all under 60.
local function birth_dates()
   local days = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 }
   local list = {}
   for year = 1980, 1999 do
      local leap = (year % 4 == 0 and year % 100 ~= 0) or year % 400 == 0
      for month = 1, 12 do
         local last = days[month] + ((month == 2 and leap) and 1 or 0)
         for day = 1, last do
            list[#list + 1] = string.format("%04d%02d%02d", year, month, day)
         end
      end
   end
   return list
end

function init(args)
   mode = args[1]
   if mode == "book" then
      targets = dofile(args[2])
      nonce = tonumber(args[3])
      phase = tonumber(args[4])
      nthreads = tonumber(args[5])
      headers = {
         ["Authorization"] = "Bearer " .. args[6],
         ["Content-Type"] = "application/json",
         ["Idempotency-Key"] = "",
      }
      -- The six "region" digits name the run, the phase and the thread; birth date and sequence
      -- number count this thread's requests (7,305 days × 1,000 = 7.3 million people per thread).
      region = string.format("%03d%d%02d", nonce % 1000, phase % 10, tid % 100)
      births = birth_dates()
   elseif mode ~= "alive" then
      error("first script argument: alive or book")
   end
end

function request()
   n = n + 1
   if mode == "alive" then
      return wrk.format("GET", "/alive")
   end

   local target = targets[((n - 1) * nthreads + tid - 1) % #targets + 1]
   local person = n - 1
   local birth = births[math.floor(person / 1000) % #births + 1]
   local id = id_number(region .. birth .. string.format("%03d", person % 1000))
   headers["Idempotency-Key"] = string.format("bench-%03d-%d-%d-%d", nonce, phase, tid, n)
   local body = string.format(
      '{"hallId":"%s","itemId":"%s","slotId":"%s","channel":"app",'
         .. '"person":{"idNumber":"%s","name":"压测%d","phone":"139%08d"}}',
      target[1], target[2], target[3], id, n % 10000, (tid * 10000000 + n) % 100000000)
   return wrk.format("POST", "/api/v1/bookings", headers, body)
end

function response(status, _, body)
   local key = tostring(status)
   if status == 409 or status == 422 or status == 404 or status == 400 then
      local code = body and body:match('"code"%s*:%s*"([%w_]+)"')
      if code then
         key = key .. " " .. code
      end
   end
   tally[key] = (tally[key] or 0) + 1
   local expected = status == 200 or status == 201 or key == "409 slot_full" or key == "409 quota_reached"
   if not expected and samples[key] == nil then
      samples[key] = (body or ""):sub(1, 400):gsub("[\r\n]+", " ")
   end
end

function done(summary, latency, _)
   local function line(key, value)
      io.write("BENCH ", key, " ", tostring(value), "\n")
   end

   line("requests", summary.requests)
   line("duration_us", summary.duration)
   line("errors_connect", summary.errors.connect)
   line("errors_read", summary.errors.read)
   line("errors_write", summary.errors.write)
   line("errors_timeout", summary.errors.timeout)
   line("errors_status", summary.errors.status)
   for _, p in ipairs({ 50, 90, 99 }) do
      line("latency_p" .. p, latency:percentile(p))
   end
   line("latency_max", latency.max)
   line("latency_mean", string.format("%.0f", latency.mean))

   local total, seen = {}, {}
   for _, thread in ipairs(threads) do
      for key, count in pairs(thread:get("tally") or {}) do
         total[key] = (total[key] or 0) + count
      end
      for key, body in pairs(thread:get("samples") or {}) do
         seen[key] = seen[key] or body
      end
   end
   for key, count in pairs(total) do
      line("status " .. key:gsub(" ", ":"), count)
   end
   for key, body in pairs(seen) do
      line("sample " .. key:gsub(" ", ":"), body)
   end
end
