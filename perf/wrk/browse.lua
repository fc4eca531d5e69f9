-- wrk script: the browse mix of docs/workload-and-targets.md, from any catalog size.
-- 70 % product pages (Zipf s = 1.0 over PRODUCTS ids, the most popular first), 25 % listing pages
-- (category 1..50, a sort, pages 1..5, 20 per page), 5 % searches (a word of the generated names).
-- PRODUCTS (default 10000) is the size the catalog was seeded with; WRK_SEED seeds the draws (42).

local PRODUCTS = tonumber(os.getenv("PRODUCTS") or "10000")
local CATEGORIES = 50
local SORTS = { "popularity", "price_asc", "price_desc", "name", "newest" }
local WORDS = { "lamp", "lamps", "chair", "table", "desk", "sofa", "shelf", "clock", "rug", "vase" }
local cdf = {}
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("thread_index", threads)
end

function init(args)
  math.randomseed(tonumber(os.getenv("WRK_SEED") or "42") + thread_index)
  wrk.headers["Accept"] = "application/json"
  local sum = 0
  for i = 1, PRODUCTS do
    sum = sum + 1 / i
    cdf[i] = sum
  end
  for i = 1, PRODUCTS do cdf[i] = cdf[i] / sum end
end

-- The smallest rank whose cumulative probability reaches u (binary search).
local function zipf()
  local u, lo, hi = math.random(), 1, PRODUCTS
  while lo < hi do
    local mid = math.floor((lo + hi) / 2)
    if cdf[mid] < u then lo = mid + 1 else hi = mid end
  end
  return lo
end

request = function()
  local r = math.random()
  if r < 0.70 then
    return wrk.format("GET", "/api/v1/products/" .. zipf())
  elseif r < 0.95 then
    return wrk.format("GET", string.format("/api/v1/products?category=%d&sort=%s&page=%d&size=20",
      math.random(1, CATEGORIES), SORTS[math.random(1, #SORTS)], math.random(1, 5)))
  end
  return wrk.format("GET", "/api/v1/products?q=" .. WORDS[math.random(1, #WORDS)] .. "&size=20")
end
