#!/bin/sh
# After `meson install --destdir D`, a C and a C++ program using only
# `pkg-config --cflags --libs libsi` compile, link and run (issue #2); so does
# the README's C example, the installed calculators run (in Chinese too), and
# the Python binding installs into a clean venv with Debian's own tools only
# (python3-venv, python3-setuptools, python3-wheel; no PyPI) and computes with
# the installed library (issue #17).  The README's "Installing" section gives
# the same steps.
set -eu
build=$1
src=$(cd "$(dirname "$0")/.." && pwd)
dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT
meson install -C "$build" --destdir "$dest" >/dev/null
prefix=$(meson introspect "$build" --buildoptions | python3 -c 'import json,sys; print([o["value"] for o in json.load(sys.stdin) if o["name"]=="prefix"][0])')
pcdir=$(dirname "$(find "$dest" -name libsi.pc | head -1)")
export PKG_CONFIG_PATH="$pcdir" PKG_CONFIG_SYSROOT_DIR="$dest"
libdir=$(dirname "$(find "$dest" -name 'libsi.so.0' | head -1)")
cat > "$dest/use.c" <<'C'
#include <libsi.h>
#include <stdio.h>
#include <string.h>
int main(void) {
    libsi_ctx *ctx; libsi_ruleset *rs; libsi_case *c; libsi_result *r;
    if (libsi_ctx_new(NULL, &ctx) || libsi_ruleset_builtin(ctx, &rs) || libsi_case_new(ctx, &c)) return 1;
    libsi_case_set(ctx, c, "city", "guangzhou");
    libsi_case_set(ctx, c, "month", "2025-08");
    libsi_case_set(ctx, c, "wage", "40000");
    if (libsi_calculate(ctx, rs, "contributions", c, &r)) { puts(libsi_ctx_message(ctx)); return 1; }
    printf("pension_base=%s\n", libsi_result_get(r, "pension_base"));
    int ok = strcmp(libsi_result_get(r, "pension_base"), "27549.00") == 0;
    libsi_result_free(r); libsi_case_free(c); libsi_ruleset_free(rs); libsi_ctx_free(ctx);
    return ok ? 0 : 1;
}
C
cp "$dest/use.c" "$dest/use.cpp"
cc -std=c11 "$dest/use.c" -o "$dest/use_c" $(pkg-config --cflags --libs libsi)
c++ "$dest/use.cpp" -o "$dest/use_cpp" $(pkg-config --cflags --libs libsi)
LD_LIBRARY_PATH="$libdir" "$dest/use_c"
LD_LIBRARY_PATH="$libdir" "$dest/use_cpp"

# The README's C example (its first ```c block), built against the installed library.
/usr/bin/python3 - "$src/README.md" > "$dest/readme.c" <<'PY'
import re, sys
blocks = re.findall(r"```c\n(.*?)```", open(sys.argv[1], encoding="utf-8").read(), re.S)
print(next(b for b in blocks if "int main" in b))
PY
cc -std=c11 "$dest/readme.c" -o "$dest/readme_c" $(pkg-config --cflags --libs libsi)
LD_LIBRARY_PATH="$libdir" "$dest/readme_c" | grep -q "employee pays 2259.02"

# The installed calculators, with the installed data only.
bindir="$dest$prefix/bin"
LD_LIBRARY_PATH="$libdir" "$bindir/si-contrib" --lang zh city=guangzhou month=2025-08 wage=30000 |
  grep -q "养老保险缴费基数"
LD_LIBRARY_PATH="$libdir" "$bindir/si-project" >/dev/null

# The Python binding from a clean venv: Debian's setuptools and wheel through
# --system-site-packages, no index, no build isolation (nothing downloaded).
# A copy of the binding, so that the build leaves nothing in the source tree.
cp -r "$src/bindings/python" "$dest/binding"
/usr/bin/python3 -m venv --system-site-packages "$dest/venv"
"$dest/venv/bin/python" -m pip install --quiet --no-index --no-build-isolation \
  --disable-pip-version-check "$dest/binding" >"$dest/pip.log" 2>&1 ||
  { cat "$dest/pip.log"; exit 1; }
(cd "$dest" && env -u PYTHONPATH LIBSI_LIBRARY="$libdir/libsi.so.0" "$dest/venv/bin/python" - <<'PY'
import os, sys
import libsi
assert os.path.dirname(libsi.__file__).startswith(os.path.join(sys.prefix, "lib")), libsi.__file__
r = libsi.calculate("pension", {"city": "guangzhou", "retirement_group": "male60",
    "birth_date": "1965-03-10", "contribution_months": 360, "average_index": "1.5",
    "account_balance": "180000"})
assert repr(r.outputs["total"]) == "Decimal('5080.46')", r.outputs["total"]
assert "基础养老金" in r.explain(lang="zh")
print("venv: libsi", libsi.__version__ if hasattr(libsi, "__version__") else "", "from", libsi.__file__)
PY
)
echo "install check: C and C++ programs and the README's C example built with pkg-config ran;" \
  "calculators ran; the Python binding installed into a clean venv (prefix $prefix)"
