/*
 * Fuzz target: CSV batch input.  The input is the CSV file si-batch reads
 * (header, then rows), run through si-batch's own reading path
 * (examples/si-batch.c, compiled with -DSI_BATCH_NO_MAIN: libcsv in blocks,
 * header check, chunks, libsi_batch_run per row, CSV or JSONL output) as
 *
 *     si-batch SCHEME --format F --trace T < input > /dev/null
 *
 * for the published SCHEMEs a plain header fits and one other (a header
 * that is not the scheme's fails at once; a quoted or blank-padded header
 * runs every scheme; pension_measures only for 1 input in 8, see below).
 * Inputs are cut after 66 records and 4 KiB (see MAX_RECORDS): a run costs
 * in proportion to its rows.  The output variant
 * (F csv or jsonl, T none, hash or full) follows from the sum of the input's
 * bytes, so mutations explore all of them.  One worker thread: the run is
 * deterministic (the threads are the TSan stress's job).
 *
 * Files: a cell of a path input (history, mortality, scenario) without a line
 * break names a file to read.  An input holding '/' is rejected, so the
 * fuzzer never reads /dev/stdin, /dev/zero or anything outside the working
 * directory; inline histories (quoted cells with line breaks) are fuzzed.
 *
 * Oracle: the exit status is one si-batch documents (0, 1, 2 or 3); the
 * sanitizers do the rest.  The built-in rules are loaded once.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libsi.h>

#include "batch_text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const libsi_ruleset *builtin_rules(void)
{
    static libsi_ruleset *rs; /* harness state, not library state */
    static libsi_ctx *loader;
    if (!rs && (libsi_ctx_new(NULL, &loader) != 0 || libsi_ruleset_builtin(loader, &rs) != 0))
        abort();
    return rs;
}

/* Also makes standard error fully buffered: si-batch writes its messages
 * in pieces, a system call each when unbuffered, for every scheme of every
 * input.  (Run libFuzzer with -close_fd_mask=2: its own output then goes to
 * a stream of its own and stays unbuffered.) */
static FILE *null_output(void)
{
    static FILE *out;
    static char err_buf[1 << 16];
    if (!out) {
        struct stat st;
        if (!(out = fopen("/dev/null", "wb")) || fstat(fileno(out), &st) != 0 ||
            !S_ISCHR(st.st_mode)) {
            fputs("fuzz_batch_csv: /dev/null is not the null device\n", stderr);
            abort(); /* never fill a regular file with millions of results */
        }
        setvbuf(stderr, err_buf, _IOFBF, sizeof err_buf);
    }
    return out;
}

/* Cost bounds (docs/testing.md, "Fuzzing").  A run costs in proportion to
 * its rows, and libFuzzer's default -max_len is the largest seed
 * (many-rows.csv, 69 KiB): inputs are cut after MAX_RECORDS records (the
 * header and 65 rows: one more than a --trace full chunk, so the chunk
 * hand-over stays reachable) and MAX_BYTES bytes; the 2,048-row chunks of
 * the other levels are si-batch's own tests' business (tests/si-batch). */
enum { MAX_BYTES = 4096, MAX_RECORDS = 66 };

/* Bytes up to the end of the MAX_RECORDS-th record: a line break outside
 * double quotes ends a record (RFC 4180: "" inside quotes toggles twice). */
static size_t record_prefix(const uint8_t *data, size_t size)
{
    size_t records = 0;
    int quoted = 0;
    if (size > MAX_BYTES)
        size = MAX_BYTES;
    for (size_t i = 0; i < size; i++) {
        if (data[i] == '"')
            quoted = !quoted;
        else if (data[i] == '\n' && !quoted && ++records == MAX_RECORDS)
            return i + 1;
    }
    return size;
}

/* The header line when it is plain (no quotes, NUL, blanks, which libcsv
 * trims, or other control bytes; after a UTF-8 BOM), as a string; NULL (run
 * every scheme) otherwise or when longer than buf. */
static const char *plain_header(const uint8_t *data, size_t size, char *buf, size_t cap)
{
    size_t i = size >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0, n = 0;
    for (; i < size && data[i] != '\n' && data[i] != '\r'; i++) {
        if (data[i] == '"' || data[i] <= ' ' || n + 1 >= cap)
            return NULL;
        buf[n++] = (char)data[i];
    }
    buf[n] = '\0';
    return buf;
}

enum { MAX_SCHEMES = 64, MAX_INPUTS = 128 };

/* The input names of scheme number k (libsi_schema_names order), read from
 * the schemas once: looking each up per input and scheme was a tenth of the
 * run (harness state, not library state). */
static const char *const *input_names(size_t k)
{
    static const char *names[MAX_SCHEMES][MAX_INPUTS + 1];
    static int ready;
    if (!ready) {
        const char *const *s = libsi_schema_names();
        for (size_t j = 0; s[j]; j++) {
            const libsi_field *f;
            if (j == MAX_SCHEMES)
                abort();
            for (size_t i = 0; (f = libsi_schema_field(s[j], 0, i)) != NULL; i++) {
                if (i == MAX_INPUTS)
                    abort();
                names[j][i] = f->name;
            }
        }
        ready = 1;
    }
    return names[k];
}

static int has_input(size_t k, const char *name, size_t len)
{
    for (const char *const *n = input_names(k); *n; n++)
        if (strlen(*n) == len && memcmp(*n, name, len) == 0)
            return 1;
    return 0;
}

/* Whether si-batch's header check can pass: every cell of a plain header
 * names an input of scheme number k (a scheme that fails here fails there,
 * as "column '…' is not an input of this scheme", and costs a context, a
 * header check and a message for nothing). */
static int header_fits(size_t k, const char *header)
{
    for (const char *p = header;; p++) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        if (!has_input(k, p, len))
            return 0;
        if (!comma)
            return 1;
        p = comma;
    }
}

static void run_scheme(const char *scheme, const uint8_t *data, size_t size,
                       const char *const *v)
{
    static const char empty[1];
    /* fmemopen needs a size of at least 1 on older C libraries: an
     * empty input is one byte of an empty buffer read as nothing. */
    FILE *in = fmemopen(size ? (void *)data : (void *)empty, size ? size : 1, "rb");
    if (!in)
        abort();
    if (!size)
        fgetc(in);
    char *argv[] = {"si-batch", (char *)scheme, "--format", (char *)v[0],
                    "--trace",  (char *)v[1],   NULL};
    int status = si_batch_main(6, argv, in, null_output(), builtin_rules());
    fclose(in);
    if (status < 0 || status > 3)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (memchr(data, '/', size))
        return -1;
    size = record_prefix(data, size);
    /* A full trace is tens of KiB of JSON per row: 1 input in 8. */
    static const char *const variants[8][2] = {
        {"jsonl", "full"}, {"jsonl", "hash"}, {"jsonl", "none"}, {"csv", "hash"},
        {"csv", "full"},   {"csv", "none"},   {"csv", "none"},   {"csv", "none"}};
    unsigned sum = 0;
    for (size_t i = 0; i < size; i++)
        sum += data[i];
    const char *const *v = variants[sum % 8];
    /* pension_measures takes every input of pension, so a pension header
     * fits it too; its rows (an IRR each, in MPFR) cost about 100 times a
     * pension row: 1 input in 8 runs it. */
    int measures = sum % 8 == 1;
    char buf[1024];
    const char *header = plain_header(data, size, buf, sizeof buf);
    /* Every scheme a plain header fits, and one other (by the byte sum) so
     * that a header refused stays exercised. */
    size_t n_schemes = 0;
    for (const char *const *s = libsi_schema_names(); *s; s++)
        n_schemes++;
    size_t other = n_schemes ? sum / 8 % n_schemes : 0, k = 0;
    for (const char *const *s = libsi_schema_names(); *s; s++, k++) {
        if (!measures && strcmp(*s, "pension_measures") == 0)
            continue;
        if (header && k != other && !header_fits(k, header))
            continue;
        run_scheme(*s, data, size, v);
    }
    return 0;
}
