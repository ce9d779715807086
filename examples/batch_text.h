/* Output text of si-batch: a growable byte buffer and the escaping that CSV
 * (RFC 4180) and JSON need.  Nothing here touches libsi state, so worker
 * threads format their rows in parallel, each into its own buffer. */
#ifndef LIBSI_EXAMPLES_BATCH_TEXT_H
#define LIBSI_EXAMPLES_BATCH_TEXT_H

#include <stddef.h>
#include <stdio.h>

/* A byte buffer.  An allocation failure sets `oom` and makes later appends
 * no-ops, so callers check once per chunk instead of after every append. */
typedef struct text_buf {
    char *data;
    size_t len, cap;
    int oom;
} text_buf;

void text_free(text_buf *b);
/* Room for `n` more bytes: 0, or -1 when out of memory (then `oom` is set). */
int text_reserve(text_buf *b, size_t n);
void text_put(text_buf *b, const char *s, size_t n);
void text_puts(text_buf *b, const char *s);
void text_put_u64(text_buf *b, unsigned long long v);

/* Where `n` more bytes go (the caller writes them, then adds what it wrote
 * to `len`), or NULL when out of memory.  Inline: called for every cell. */
static inline char *text_room(text_buf *b, size_t n)
{
    if (b->cap - b->len >= n && !b->oom)
        return b->data + b->len;
    return text_reserve(b, n) == 0 ? b->data + b->len : NULL;
}

static inline void text_putc(text_buf *b, char c)
{
    char *p = text_room(b, 1);
    if (p) {
        *p = c;
        b->len++;
    }
}

/* `s` as one CSV field: quoted (with "" for ") only when it holds a comma,
 * quote, line break or edge blank, so plain values stay plain. */
void text_put_csv(text_buf *b, const char *s);

/* `s` as a JSON string with its quotes; bytes that are not UTF-8 become
 * U+FFFD so a message echoing a bad cell still gives valid JSON. */
void text_put_json(text_buf *b, const char *s);

/* The enum name of a libsi error code ("LIBSI_EINPUT"); "LIBSI_EUNKNOWN" for
 * a code this program does not know. */
const char *text_error_name(int code);

/* The whole of si-batch as a function (examples/si-batch.c), for the fuzz
 * target tests/fuzz/fuzz_batch_csv.c, which compiles it with
 * -DSI_BATCH_NO_MAIN: `in` and `out` stand for standard input and output,
 * `builtin` (when not NULL) for the built-in rules, loaded once by the
 * caller.  Returns the exit status; never exits. */
struct libsi_ruleset;
int si_batch_main(int argc, char **argv, FILE *in, FILE *out,
                  const struct libsi_ruleset *builtin);

#endif
