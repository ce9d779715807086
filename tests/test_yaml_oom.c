/*
 * libyaml allocates with malloc, not through the context's allocator: its
 * allocation failures must come back as LIBSI_ENOMEM, never as a "YAML
 * syntax error" (issue #12: allocation failure at every site).  This test
 * replaces malloc, calloc and realloc for the whole process and fails the
 * n-th call after the start of a rule-file load, for n = 0, 1, 2, … until a
 * load runs without reaching its n-th allocation: each load ends as the
 * load without failures does, or with LIBSI_ENOMEM.
 *
 * Under a sanitizer (which replaces malloc itself) the test is skipped.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libsi.h>

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || \
    __has_feature(memory_sanitizer)
#define SANITIZED 1
#endif
#endif

#ifndef SANITIZED
void *__libc_malloc(size_t n);
void *__libc_calloc(size_t n, size_t size);
void *__libc_realloc(void *p, size_t n);

static long countdown = -1; /* test state: −1 never fails */

static int failing_now(void)
{
    return countdown >= 0 && countdown-- == 0;
}

void *malloc(size_t n)
{
    return failing_now() ? NULL : __libc_malloc(n);
}

void *calloc(size_t n, size_t size)
{
    return failing_now() ? NULL : __libc_calloc(n, size);
}

void *realloc(void *p, size_t n)
{
    return failing_now() ? NULL : __libc_realloc(p, n);
}
#endif

/* Syntactically rich (nested mappings and sequences, quoted and block
 * scalars, a long value): libyaml allocates tokens, events and buffers. */
static const char yaml[] =
    "libsi_rules: 1\n"
    "documents:\n"
    "  d1:\n"
    "    number: \"粤人社规〔2022〕9号\"\n"
    "    title: 'a title'\n"
    "parameters:\n"
    "  test.rate: {kind: until_changed, unit: ratio}\n"
    "values:\n"
    "  - name: test.rate\n"
    "    jurisdiction: \"440000\"\n"
    "    from: 2020-01-01\n"
    "    value: \"0.05\"\n"
    "    unit: ratio\n"
    "    document: d1\n"
    "    note: |\n"
    "      a block scalar, long enough to make libyaml grow its buffers: "
    "0123456789012345678901234567890123456789012345678901234567890123456789\n";

static int load(libsi_ctx *ctx, char *message, size_t size)
{
    libsi_ruleset *rs = NULL;
    int rc = libsi_ruleset_load_buffer(ctx, yaml, sizeof yaml - 1, "oom.yaml", &rs);
    snprintf(message, size, "%s", libsi_ctx_message(ctx));
    libsi_ruleset_free(rs);
    return rc;
}

int main(void)
{
#ifdef SANITIZED
    return 77;
#else
    libsi_ctx *ctx;
    char want[512], got[512];
    if (libsi_ctx_new(NULL, &ctx) != 0)
        return 1;
    int expect = load(ctx, want, sizeof want);
    long n = 0;
    for (;; n++) {
        countdown = n;
        int rc = load(ctx, got, sizeof got);
        int reached = countdown < 0;
        countdown = -1;
        if (rc == LIBSI_ENOMEM && reached)
            continue;
        if (rc != expect || strcmp(got, want) != 0) {
            fprintf(stderr, "allocation %ld failed: %d '%s', expected %d '%s' or out of memory\n",
                    n, rc, got, expect, want);
            return 1;
        }
        if (!reached)
            break;
    }
    printf("%ld allocation sites failed in turn: each load gave out of memory; "
           "without failures: %d '%s'\n", n, expect, want);
    libsi_ctx_free(ctx);
    return 0;
#endif
}
