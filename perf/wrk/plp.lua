-- wrk script: product listing pages, GET /api/v1/products?category=C&sort=S&page=P&size=20 with
-- category 1..50, sort and page 1..5 drawn uniformly on every request (1,250 distinct pages).
-- Requests are formatted once per thread so the load generator spends its time sending them.
-- Seed with WRK_SEED (default 42); each thread gets its own stream.

local CATEGORIES = 50
local SORTS = { "popularity", "price_asc", "price_desc", "name", "newest" }
local PAGES = 5
local SIZE = 20
local requests = {}
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("thread_index", threads)
end

function init(args)
  math.randomseed(tonumber(os.getenv("WRK_SEED") or "42") + thread_index)
  wrk.headers["Accept"] = "application/json"
  for category = 1, CATEGORIES do
    for _, sort in ipairs(SORTS) do
      for page = 1, PAGES do
        local path = string.format("/api/v1/products?category=%d&sort=%s&page=%d&size=%d",
          category, sort, page, SIZE)
        requests[#requests + 1] = wrk.format("GET", path)
      end
    end
  end
end

function request()
  return requests[math.random(#requests)]
end
