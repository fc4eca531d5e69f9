#!/bin/sh
# Rebuilds the storefront's vendored Sentry browser SDK (a classic script defining self.Sentry with
# init and captureException), as served at /assets/vendor-sentry.min.<hash>.js. Needs Node and npm.
# Usage: sh api/tools/storefront-sentry-bundle.sh [version]   (default 11.12.0)
set -eu
version="${1:-11.12.0}"
out="$(cd "$(dirname "$0")/../src/main/resources/storefront" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
npm init -y >/dev/null
npm install --no-audit --no-fund "@sentry/browser@$version" esbuild@0.28.2 >/dev/null
cat > entry.js <<'JS'
import { init, captureException, setUser } from '@sentry/browser';
self.Sentry = { init, captureException, setUser };
JS
npx esbuild entry.js --bundle --format=iife --minify --legal-comments=none --target=es2020 \
  --outfile="$out/assets/vendor/sentry.min.js"
cp node_modules/@sentry/browser/LICENSE "$out/licenses/sentry-browser.LICENSE"
echo "bundled @sentry/browser $version into $out/assets/vendor/sentry.min.js"
