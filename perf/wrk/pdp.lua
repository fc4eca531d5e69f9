-- wrk script: product detail pages, GET /api/v1/products/{id} with a uniform random id in
-- 1..10000 (the standard data set) on every request.
-- Requests are formatted once per thread so the load generator spends its time sending them.
-- Seed with WRK_SEED (default 42); each thread gets its own stream.
-- Variants, chosen by the environment (bench.sh runs all three):
--   PDP_ACCEPT_ENCODING=gzip  asks for the gzip body (Accept-Encoding: gzip)
--   PDP_ETAGS=FILE            revalidates: If-None-Match with the ETag on line `id` of FILE,
--                             so every answer is a 304 from the server's in-process cache

local PRODUCTS = 10000
local requests = {}
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("thread_index", threads)
end

local function etags(path)
  local tags = {}
  local file = assert(io.open(path, "r"), "cannot read PDP_ETAGS file " .. path)
  for line in file:lines() do tags[#tags + 1] = line end
  file:close()
  assert(#tags >= PRODUCTS, "PDP_ETAGS needs one ETag per product id 1.." .. PRODUCTS .. ", found " .. #tags)
  return tags
end

function init(args)
  math.randomseed(tonumber(os.getenv("WRK_SEED") or "42") + thread_index)
  wrk.headers["Accept"] = "application/json"
  local encoding = os.getenv("PDP_ACCEPT_ENCODING")
  if encoding and encoding ~= "" then wrk.headers["Accept-Encoding"] = encoding end
  local etagFile = os.getenv("PDP_ETAGS")
  local tags = (etagFile and etagFile ~= "") and etags(etagFile) or nil
  for id = 1, PRODUCTS do
    -- wrk.format takes wrk.headers unless given a table, so the tag goes there, one id at a time.
    if tags then wrk.headers["If-None-Match"] = tags[id] end
    requests[id] = wrk.format("GET", "/api/v1/products/" .. id)
  end
end

function request()
  return requests[math.random(PRODUCTS)]
end
