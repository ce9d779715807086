#include "vectors.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *vec_path(const char *env, const char *rel, char *buf, size_t n)
{
    const char *dir = getenv(env);
    snprintf(buf, n, "%s/%s", dir ? dir : ".", rel);
    return buf;
}

/* Every file of `dir`, then `dir`. */
static void remove_dir(const char *dir)
{
    char path[2048];
    DIR *d = opendir(dir);
    for (struct dirent *e; d && (e = readdir(d));)
        if (e->d_name[0] != '.') {
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
            unlink(path);
        }
    if (d)
        closedir(d);
    rmdir(dir);
}

/* A link `to` → `from` in `dir`: 0 or -1. */
static int link_into(const char *dir, const char *from, const char *to)
{
    char path[2048];
    snprintf(path, sizeof path, "%s/%s", dir, to);
    return symlink(from, path);
}

/* The built-in rule files linked into `dir`: 0 or -1. */
static int link_builtin_rules(const char *dir)
{
    char src[1024], from[2048];
    vec_path("LIBSI_RULES", "", src, sizeof src);
    DIR *d = opendir(src);
    int rc = d ? 0 : -1;
    for (struct dirent *e; rc == 0 && (e = readdir(d));)
        if (strstr(e->d_name, ".yaml")) {
            snprintf(from, sizeof from, "%s/%s", src, e->d_name);
            rc = link_into(dir, from, e->d_name);
        }
    if (d)
        closedir(d);
    return rc;
}

int vec_rules_with(libsi_ctx *ctx, const char *extra, libsi_ruleset **rs)
{
    char dir[] = "/tmp/libsi-test-rules-XXXXXX", from[2048], to[512];
    *rs = NULL;
    if (!mkdtemp(dir))
        return -1;
    const char *base = strrchr(extra, '/');
    vec_path("LIBSI_TESTDATA", extra, from, sizeof from);
    snprintf(to, sizeof to, "zz-%s", base ? base + 1 : extra); /* after the built-in files */
    int rc = link_builtin_rules(dir) == 0 && link_into(dir, from, to) == 0 ? 0 : -1;
    if (rc == 0)
        rc = libsi_ruleset_load(ctx, dir, rs);
    remove_dir(dir);
    return rc;
}

char *vec_slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    if (buf)
        buf[n] = '\0';
    fclose(f);
    return buf;
}

static char *next_line(vec_file *v)
{
    while (v->cursor && *v->cursor) {
        char *line = v->cursor;
        char *nl = strchr(line, '\n');
        v->cursor = nl ? nl + 1 : NULL;
        if (nl)
            *nl = '\0';
        v->line++;
        size_t len = strlen(line);
        if (len && line[len - 1] == '\r')
            line[len - 1] = '\0';
        if (line[0] != '#' && line[0] != '\0')
            return line;
    }
    return NULL;
}

static size_t split(char *line, char **cols)
{
    size_t n = 0;
    for (char *p = line; n < VEC_MAX_COLS;) {
        cols[n++] = p;
        char *tab = strchr(p, '\t');
        if (!tab)
            break;
        *tab = '\0';
        p = tab + 1;
    }
    return n;
}

int vec_open(vec_file *v, const char *rel)
{
    char path[1024];
    memset(v, 0, sizeof *v);
    v->text = vec_slurp(vec_path("LIBSI_VECTORS", rel, path, sizeof path));
    if (!v->text)
        return -1;
    v->cursor = v->text;
    char *h = next_line(v);
    v->ncols = h ? split(h, v->header) : 0;
    return 0;
}

size_t vec_next(vec_file *v, char **cols)
{
    char *line = next_line(v);
    if (!line)
        return 0;
    size_t n = split(line, cols);
    for (size_t i = n; i < v->ncols; i++)
        cols[i] = "";
    return n;
}

int vec_col(const vec_file *v, const char *name)
{
    for (size_t i = 0; i < v->ncols; i++)
        if (strcmp(v->header[i], name) == 0)
            return (int)i;
    return -1;
}

void vec_close(vec_file *v)
{
    free(v->text);
    v->text = NULL;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Encode a code point as UTF-8 at o; returns bytes written. */
static size_t utf8(unsigned cp, char *o)
{
    if (cp < 0x80) { o[0] = (char)cp; return 1; }
    if (cp < 0x800) { o[0] = (char)(0xC0 | cp >> 6); o[1] = (char)(0x80 | (cp & 63)); return 2; }
    o[0] = (char)(0xE0 | cp >> 12);
    o[1] = (char)(0x80 | ((cp >> 6) & 63));
    o[2] = (char)(0x80 | (cp & 63));
    return 3;
}

int vec_json_string(char *s)
{
    size_t n = strlen(s);
    if (n < 2 || s[0] != '"' || s[n - 1] != '"')
        return -1;
    char *o = s;
    for (size_t i = 1; i < n - 1; i++) {
        if (s[i] != '\\') { *o++ = s[i]; continue; }
        char e = s[++i];
        if (e == 'n') *o++ = '\n';
        else if (e == 't') *o++ = '\t';
        else if (e == 'r') *o++ = '\r';
        else if (e == 'u' && i + 4 < n) {
            unsigned cp = 0;
            for (int k = 1; k <= 4; k++)
                cp = cp * 16 + (unsigned)hexval(s[i + k]);
            i += 4;
            o += utf8(cp, o);
        } else *o++ = e;
    }
    *o = '\0';
    return 0;
}
