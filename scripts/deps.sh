#!/bin/sh
# Install the Debian 12 packages libsi needs to build and test, if missing.
# Runs as root (or through sudo when available).  Nothing is downloaded from
# anywhere but Debian's archive.  gcovr, clang and clang's sanitizer runtimes
# serve the CI gates (docs/testing.md, "Gates").
set -eu
pkgs="build-essential g++ meson ninja-build pkg-config python3 libgmp-dev libmpfr-dev libyaml-dev libcmocka-dev nettle-dev libcsv-dev binutils python3-distributed python3-yaml python3-matplotlib gcovr clang libclang-rt-14-dev abigail-tools librandom123-dev chromium fonts-noto-cjk python3-venv python3-setuptools python3-wheel"
missing=""
for p in $pkgs; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
SUDO=""
[ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && SUDO=sudo
echo "installing:$missing"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
