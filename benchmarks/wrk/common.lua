-- What the wrk scripts of scripts/bench-* share: resident ID numbers, tallies of the answers and
-- done()'s machine-readable lines "BENCH <key> <value>" (latencies in microseconds) that the bash
-- scripts read (see value and statuses in benchmarks/lib.sh). A script loads it from its own directory:
--   local bench = dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "common.lua")
-- and hands setup() and done() to it. wrk runs every script in one Lua state per thread plus a main
-- one (setup, done); this file is loaded in each.

local M = {}

-- Main state (setup and done): one entry per wrk thread, to collect their tallies.
local threads = {}
local thread_count = 0

-- Gives each thread its number, the global tid (1, 2, …) in the thread's state.
function M.setup(thread)
   thread_count = thread_count + 1
   thread:set("tid", thread_count)
   table.insert(threads, thread)
end

-- Thread state. Globals so that done() can read them with thread:get().
tally = {}    -- "201" = count, "409 slot_full" = count, "201 admit" = count, …
samples = {}  -- first body of every unexpected answer, by tally key

-- count(key, expected, body): one answer of this kind; the first body of an unexpected kind is kept.
function M.count(key, expected, body)
   tally[key] = (tally[key] or 0) + 1
   if not expected and samples[key] == nil then
      samples[key] = (body or ""):sub(1, 400):gsub("[\r\n]+", " ")
   end
end

-- problem_key(status, body): "409 slot_full" for a problem with a code, else the status alone.
function M.problem_key(status, body)
   local key = tostring(status)
   if status == 409 or status == 422 or status == 404 or status == 400 then
      local code = body and body:match('"code"%s*:%s*"([%w_]+)"')
      if code then
         key = key .. " " .. code
      end
   end
   return key
end

-- target_args(args): the arguments after the mode of a script that sends its requests to targets:
-- TARGETS.lua (a file returning a list), NONCE, PHASE, THREADS, TOKEN. Returns the targets, the numbers
-- and the headers of a JSON request with that bearer token.
function M.target_args(args)
   local headers = {
      ["Authorization"] = "Bearer " .. args[6],
      ["Content-Type"] = "application/json",
   }
   return dofile(args[2]), tonumber(args[3]), tonumber(args[4]), tonumber(args[5]), headers
end

-- count_outcome(status, body): counts an answer whose 201 names an "outcome" as "201 <outcome>"
-- (the first "outcome" of the body: the top-level one comes before any nested), others by problem_key;
-- 200 and a 201 with an outcome are expected.
function M.count_outcome(status, body)
   local key = M.problem_key(status, body)
   if status == 201 then
      key = "201 " .. (body and body:match('"outcome"%s*:%s*"([%w_]+)"') or "no_outcome")
   end
   M.count(key, status == 200 or (status == 201 and key ~= "201 no_outcome"), body)
end

-- GB 11643: weights of the first 17 digits and the check character for (sum mod 11).
local weights = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 }
local checks = "10X98765432"

function M.id_number(first17)
   local sum = 0
   for i = 1, 17 do
      sum = sum + (first17:byte(i) - 48) * weights[i]
   end
   local k = sum % 11 + 1
   return first17 .. checks:sub(k, k)
end

-- Every day from 1980-01-01 to 1999-12-31 as yyyymmdd: adults, all under 60.
function M.birth_dates()
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

-- people(region): a function of a thread's request number n (from 1) giving the n-th person's
-- ID number: the six "region" digits name the run, the phase and the thread; birth date and sequence
-- number count the thread's requests (7,305 days × 1,000 = 7.3 million people per thread).
function M.people(region)
   local births = M.birth_dates()
   return function(n)
      local person = n - 1
      local birth = births[math.floor(person / 1000) % #births + 1]
      return M.id_number(region .. birth .. string.format("%03d", person % 1000))
   end
end

function M.done(summary, latency, _)
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

-- requests(current_mode, build): a request() for wrk: the gateway's own /alive while current_mode()
-- is "alive", otherwise build(n) for the thread's n-th request (n = 1, 2, …).
function M.requests(current_mode, build)
   local n = 0
   return function()
      n = n + 1
      if current_mode() == "alive" then
         return wrk.format("GET", "/alive")
      end
      return build(n)
   end
end

return M
