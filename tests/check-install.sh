#!/bin/sh
# After `meson install --destdir D`, a C and a C++ program using only
# `pkg-config --cflags --libs libsi` compile, link and run (issue #2).
set -eu
build=$1
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
echo "install check: C and C++ programs built with pkg-config ran (prefix $prefix)"
