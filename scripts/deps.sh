#!/usr/bin/env bash
# Installs the Debian packages the project needs, only those missing. Quiet and quick when
# everything is there; safe to run again.
set -euo pipefail

packages=(
  cmake g++ ninja-build pkg-config bsdutils
  libboost-dev libxml2-dev rapidjson-dev libsqlite3-dev libssl-dev doctest-dev libarchive-dev
  zlib1g-dev libhowardhinnant-date-dev libical-dev libyaml-dev
  openssl curl ccache faketime
  chromium-headless-shell   # renders the conformance HTML report in a layout test
  clang libclang-rt-14-dev lld
  exim4-daemon-light kannel kannel-extras
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "deps: installing ${missing[*]}" >&2
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
