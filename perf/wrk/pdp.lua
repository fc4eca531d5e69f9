-- wrk script: product detail pages, GET /api/v1/products/{id} with a uniform random id in
-- 1..10000 (the standard data set) on every request.
-- Requests are formatted once per thread so the load generator spends its time sending them.
-- Seed with WRK_SEED (default 42); each thread gets its own stream.

local PRODUCTS = 10000
local requests = {}
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("thread_index", threads)
end

function init(args)
  math.randomseed(tonumber(os.getenv("WRK_SEED") or "42") + thread_index)
  wrk.headers["Accept"] = "application/json"
  for id = 1, PRODUCTS do
    requests[id] = wrk.format("GET", "/api/v1/products/" .. id)
  end
end

function request()
  return requests[math.random(PRODUCTS)]
end
