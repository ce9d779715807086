/*
 * si-batch: run one calculation on every row of a CSV file.
 *
 *   si-batch contributions --input people.csv --output out.csv --threads 2
 *   si-batch pension --format jsonl --trace hash < retirees.csv
 *   si-batch contributions --help              # usage, file format, inputs and outputs
 *
 * The input is read 64 KiB at a time straight into a chunk of at most a few
 * thousand rows (streaming, so memory does not grow with the number of
 * rows).  The main thread only finds where rows end (quote parity: a line
 * break inside quotes is no row end; blank lines are no rows) and cuts the
 * rows into blocks of 64 (8 with a full trace), counting them; N workers,
 * each with its own context and batch (all sharing one ruleset), take the
 * blocks one at a time from an atomic counter, split their rows into cells
 * (batch_csv.c: in place, or through libcsv for a row with quotes), compute
 * them and format each block's rows into the block's own buffer, with the
 * library writing each output straight into it.  A worker that gets less of
 * a core takes fewer blocks instead of holding the others at the end of the
 * chunk.  The blocks are written in row order.
 *
 * With N >= 2 the workers are threads started once.  A chunk is handed out
 * as soon as it is read, and a worker goes on to it as soon as the chunk
 * before has no block left to take, with no barrier between chunks; while
 * they compute, the main thread writes the chunk before and reads the next
 * (two chunks, each with its blocks, used in turn), so neither reading nor
 * writing is a serial phase, and the serial part per row is one pass over
 * its bytes.  With N = 1 the main
 * thread does everything.  Every row is parsed, computed and formatted on
 * its own, so the output does not depend on N.
 *
 * Exit status (see --help): 0 every row computed, 3 some rows failed (every
 * other row written), 2 the header names a column the scheme does not have
 * (nothing computed), 1 usage, I/O or malformed CSV.
 */
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <csv.h>
#include <libsi.h>

#include "batch_csv.h"
#include "batch_text.h"
#include "cli_lang.h"

enum { EXIT_ERROR = 1, EXIT_HEADER = 2, EXIT_ROWS_FAILED = 3 };

#define READ_BYTES 65536
#define ROWS_PER_THREAD 2048
#define ROWS_PER_THREAD_FULL 64        /* a full trace is tens of KiB of JSON per row */
#define BLOCK_ROWS 64                  /* rows a worker takes at a time */
#define BLOCK_ROWS_FULL 8              /* a chunk of 64 rows per thread is 8 blocks each */
#define MAX_CHUNK_ROWS 16384
#define CHUNK_TEXT_LIMIT (8u << 20)    /* long cells end a chunk early: memory stays bounded */
#define LONG_ROW (1u << 20)            /* an unfinished quoted row this long is checked */
#define MAX_THREADS 256
#define CACHE_LINE 64                  /* what one thread writes, others do not share */
#define PROGRESS_MS 500

#if defined(__GNUC__)
#define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))
#else
#define PRINTF_LIKE(f, a)
#endif

static const char usage_text[] =
    "usage: si-batch SCHEME [--input FILE] [--output FILE] [--threads N] [--trace none|hash|full]\n"
    "                [--outputs NAME,...] [--format csv|jsonl] [--lang zh|en] [--rules PATH]\n"
    "                [--help]\n"
    "\n"
    "Run calculation SCHEME on every row of a CSV file.  Streams: memory does not grow\n"
    "with the number of rows.\n"
    "\n"
    "options:\n"
    "  --input FILE      CSV input; '-' or absent: standard input\n"
    "  --output FILE     output file; '-' or absent: standard output\n"
    "  --threads N       worker threads, 1-256 (default 1); with N >= 2 the next rows are\n"
    "                    read while the workers compute; the output does not depend on N\n"
    "  --trace LEVEL     none (default); hash: csv gets a 'hash' column before 'error', jsonl\n"
    "                    the result hash; full: jsonl gets the whole trace (csv: as hash)\n"
    "  --outputs NAMES   comma-separated outputs to write, in that order (csv only;\n"
    "                    default: every output in schema order)\n"
    "  --format FORMAT   csv (default) or jsonl\n"
    "  --lang L          zh or en: language of the error messages (default: from $LC_ALL,\n"
    "                    $LC_MESSAGES or $LANG, else en); codes and names stay as they are\n"
    "  --rules PATH      rule files (a .yaml file or a directory) instead of the built-in\n"
    "                    Guangdong rules\n"
    "  --help            this text; after SCHEME, also the scheme's inputs and outputs\n"
    "\n"
    "input: CSV (RFC 4180), UTF-8, LF or CRLF line ends.  The first line names the columns:\n"
    "  inputs of SCHEME, in any order, none twice; inputs left out are absent.  An empty cell\n"
    "  is an absent input (its default applies).  Quoted cells may hold commas, line breaks\n"
    "  and quotes (doubled: \"\").  Blank lines are skipped, a UTF-8 byte-order mark is\n"
    "  ignored, and so are blanks around unquoted cells.  A row with more or fewer cells\n"
    "  than the header fails alone (LIBSI_EINPUT).  Examples: examples/batch/contributions.csv,\n"
    "  examples/batch/pension.csv.\n"
    "\n"
    "output (csv): a header 'row,OUTPUT,...,[hash,]error', then one line per data row, in\n"
    "  input order.  'row' is the 1-based data row number (blank lines not counted);\n"
    "  'error' is empty, or 'CODE: message' where CODE is the libsi error name\n"
    "  (LIBSI_EINPUT, LIBSI_EDECIMAL, ...) and the message names the input at fault; a\n"
    "  failed row has empty outputs.  Cells are quoted as RFC 4180 requires.\n"
    "output (jsonl): one canonical JSON result per line, as si-* --json prints it (trace per\n"
    "  --trace), in input order; a failed row is\n"
    "  {\"row\":N,\"error\":{\"code\":\"LIBSI_E...\",\"message\":\"...\"}}.\n"
    "\n"
    "exit status: 0 every row computed; 3 some rows failed (every other row written);\n"
    "  2 the header names an unknown or repeated column, or there is no header (nothing\n"
    "  computed); 1 usage error, I/O error, malformed CSV or out of memory.\n"
    "  A progress line (rows, rows/s) goes to standard error when it is a terminal.\n";

/* ------------------------------------------------------------ options */

typedef struct options {
    const char *scheme, *input, *output, *threads, *trace, *outputs, *format, *rules, *lang_name;
    int help;
    libsi_lang lang;
    /* derived by check_options() */
    unsigned n_threads;
    libsi_trace_level level;
    int jsonl;
    char *outputs_copy;     /* --outputs split in place at the commas */
    char **selected;
    size_t n_selected;
} options;

/* Options that take a value, and where it goes. */
static const struct {
    const char *name;
    size_t offset;
} value_options[] = {
    {"--input", offsetof(options, input)},     {"--output", offsetof(options, output)},
    {"--threads", offsetof(options, threads)}, {"--trace", offsetof(options, trace)},
    {"--outputs", offsetof(options, outputs)}, {"--format", offsetof(options, format)},
    {"--rules", offsetof(options, rules)},     {"--lang", offsetof(options, lang_name)},
};
#define N_VALUE_OPTIONS (sizeof value_options / sizeof value_options[0])

static int usage_error(const char *fmt, ...) PRINTF_LIKE(1, 2);

/* Usage errors exit 1, as the exit-status list says (2 is kept for a
 * header that does not fit the scheme). */
static int usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("si-batch: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputs(" (try --help)\n", stderr);
    va_end(ap);
    return EXIT_ERROR;
}

/* "--name VALUE" or "--name=VALUE". */
static int parse_value_option(int argc, char **argv, int *i, options *o, size_t k)
{
    const char *a = argv[*i];
    size_t n = strlen(value_options[k].name);
    if (a[n] == '\0' && *i + 1 >= argc)
        return usage_error("option %s needs a value", a);
    const char **slot = (const char **)(void *)((char *)o + value_options[k].offset);
    *slot = a[n] == '=' ? a + n + 1 : argv[++*i];
    return 0;
}

static int parse_arg(int argc, char **argv, int *i, options *o)
{
    const char *a = argv[*i];
    if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
        o->help = 1;
        return 0;
    }
    for (size_t k = 0; k < N_VALUE_OPTIONS; k++) {
        size_t n = strlen(value_options[k].name);
        if (strncmp(a, value_options[k].name, n) == 0 && (a[n] == '\0' || a[n] == '='))
            return parse_value_option(argc, argv, i, o, k);
    }
    if (a[0] == '-')
        return usage_error("unknown option '%s'", a);
    if (o->scheme)
        return usage_error("unexpected argument '%s'", a);
    o->scheme = a;
    return 0;
}

static int parse_args(int argc, char **argv, options *o)
{
    for (int i = 1; i < argc; i++) {
        int rc = parse_arg(argc, argv, &i, o);
        if (rc != 0)
            return rc;
    }
    return 0;
}

static int known_scheme(const char *scheme)
{
    for (const char *const *s = libsi_schema_names(); *s; s++)
        if (strcmp(*s, scheme) == 0)
            return 1;
    return 0;
}

/* Index of field `name` among the scheme's inputs or outputs, or -1. */
static int field_index(const char *scheme, libsi_field_kind kind, const char *name)
{
    const libsi_field *f;
    for (size_t i = 0; (f = libsi_schema_field(scheme, kind, i)) != NULL; i++)
        if (strcmp(f->name, name) == 0)
            return (int)i;
    return -1;
}

static void list_names(FILE *f, const char *scheme, libsi_field_kind kind)
{
    const libsi_field *fl;
    for (size_t i = 0; (fl = libsi_schema_field(scheme, kind, i)) != NULL; i++)
        fprintf(f, "%s%s", i ? ", " : "", fl->name);
    fputc('\n', f);
}

static void list_schemes(FILE *f)
{
    fputs("schemes:", f);
    for (const char *const *s = libsi_schema_names(); *s; s++)
        fprintf(f, " %s", *s);
    fputc('\n', f);
}

static int parse_threads(options *o)
{
    char *end = NULL;
    unsigned long n = o->threads ? strtoul(o->threads, &end, 10) : 1;
    if (o->threads && (*o->threads < '0' || *o->threads > '9' || *end || n < 1 ||
                       n > MAX_THREADS))
        return usage_error("--threads: expected a whole number from 1 to %d, not '%s'",
                           MAX_THREADS, o->threads);
    o->n_threads = (unsigned)n;
    return 0;
}

static int parse_trace_format(options *o)
{
    static const char *const levels[] = {"none", "hash", "full"};
    const char *t = o->trace ? o->trace : "none";
    size_t k = 0;
    while (k < 3 && strcmp(t, levels[k]) != 0)
        k++;
    if (k == 3)
        return usage_error("--trace: expected none, hash or full, not '%s'", t);
    o->level = (libsi_trace_level)k;
    const char *f = o->format ? o->format : "csv";
    if (strcmp(f, "csv") != 0 && strcmp(f, "jsonl") != 0)
        return usage_error("--format: expected csv or jsonl, not '%s'", f);
    o->jsonl = f[0] == 'j';
    return 0;
}

static int check_output_name(const options *o, size_t k)
{
    const char *name = o->selected[k];
    if (*name == '\0')
        return usage_error("--outputs: empty name in '%s'", o->outputs);
    if (field_index(o->scheme, LIBSI_FIELD_OUTPUT, name) < 0) {
        usage_error("--outputs: '%s' is not an output of %s", name, o->scheme);
        fprintf(stderr, "  outputs of %s: ", o->scheme);
        list_names(stderr, o->scheme, LIBSI_FIELD_OUTPUT);
        return EXIT_ERROR;
    }
    for (size_t i = 0; i < k; i++)
        if (strcmp(o->selected[i], name) == 0)
            return usage_error("--outputs: '%s' is named twice", name);
    return 0;
}

/* Split --outputs at its commas and check every name against the schema,
 * before any input is read. */
static int parse_outputs(options *o)
{
    if (!o->outputs)
        return 0;
    if (o->jsonl)
        return usage_error("--outputs applies to --format csv (jsonl gives whole results)");
    size_t n = 1;
    for (const char *p = o->outputs; *p; p++)
        n += *p == ',';
    o->outputs_copy = strdup(o->outputs);
    o->selected = calloc(n, sizeof *o->selected);
    if (!o->outputs_copy || !o->selected)
        return usage_error("out of memory");
    char *p = o->outputs_copy;
    for (o->n_selected = 0; o->n_selected < n; o->n_selected++) {
        o->selected[o->n_selected] = p;
        p += strcspn(p, ",");
        *p++ = '\0';
        if (check_output_name(o, o->n_selected) != 0)
            return EXIT_ERROR;
    }
    return 0;
}

static int check_options(options *o)
{
    if (!o->scheme)
        return usage_error("no SCHEME given");
    if (!known_scheme(o->scheme)) {
        usage_error("unknown scheme '%s'", o->scheme);
        list_schemes(stderr);
        return EXIT_ERROR;
    }
    if (parse_threads(o) != 0 || parse_trace_format(o) != 0)
        return EXIT_ERROR;
    o->lang = cli_environment_lang();
    if (o->lang_name && cli_lang_option(o->lang_name, &o->lang) != 0)
        return usage_error("--lang: expected zh or en, not '%s'", o->lang_name);
    return parse_outputs(o);
}

/* --------------------------------------------------------------- help */

static const char *type_name(libsi_type t)
{
    static const char *const names[] = {"decimal", "integer", "date", "month", "enum",
                                        "bool",    "text",    "json", "list"};
    return (unsigned)t < sizeof names / sizeof names[0] ? names[t] : "?";
}

static void print_fields(const char *scheme, libsi_field_kind kind)
{
    const libsi_field *f;
    for (size_t i = 0; (f = libsi_schema_field(scheme, kind, i)) != NULL; i++)
        printf("  %-30s %-8s %s%s%s%s%s\n", f->name, type_name(f->type), f->description,
               *f->choices ? " [" : "", f->choices, *f->choices ? "]" : "",
               f->required ? " (required)" : "");
}

static int help(const options *o)
{
    fputs(usage_text, stdout);
    if (!o->scheme || !known_scheme(o->scheme)) {
        putchar('\n');
        list_schemes(stdout);
        puts("(si-batch SCHEME --help lists the scheme's input and output names)");
        return o->scheme ? usage_error("unknown scheme '%s'", o->scheme) : 0;
    }
    const char *about = libsi_schema_description(o->scheme);
    printf("\n%s: %s\n(libsi %s)\n\ninputs (CSV columns):\n", o->scheme, about ? about : "",
           libsi_version());
    print_fields(o->scheme, LIBSI_FIELD_INPUT);
    puts("\noutputs (csv columns between 'row' and 'error', and --outputs names):");
    print_fields(o->scheme, LIBSI_FIELD_OUTPUT);
    return 0;
}

/* ---------------------------------------------------------------- run */

struct worker;

/* A run of whole rows of a chunk's input: the reader found where they end
 * and counted them; the one worker that takes the block splits them into
 * cells, computes them and formats their output into the block's own
 * buffer, so blocks finish in any order and are still written in row order. */
typedef struct block {
    size_t from, to;         /* its bytes in the chunk (blank lines included) */
    size_t rows;             /* data rows the reader counted in them */
    unsigned long long base; /* data rows before the block */
    text_buf out;
    size_t failed;           /* rows that failed (written with their error) */
    int fatal;               /* a libsi code that stopped the block (out of memory) */
    char message[256];       /* its message, copied: the worker's context moves on */
    int complete;            /* every row formatted, no allocation failed */
    unsigned long long bad_row; /* malformed CSV at this data row (the rows before are
                                 * in `out`), or 0 */
    int csv_status;          /* libcsv's error code for bad_row */
} block;

/* Up to `cap_blocks` blocks of input bytes, read in as they come.  The
 * workers write the NULs that end their cells into their own blocks' bytes;
 * the reader only reads the bytes after the last block (the start of the
 * next chunk's rows) and copies them on.  The chunk keeps its rows' output
 * in `blocks` until it is written, which is after the next chunk has
 * started.  Aligned so that the main thread, reading into one chunk, shares
 * no cache line with the workers on the other. */
typedef struct chunk {
    _Alignas(CACHE_LINE) text_buf bytes;
    size_t rows;             /* rows of its blocks */
    block *blocks;
    size_t n_blocks, cap_blocks;
    unsigned long seq;       /* its number while handed out, 0 once joined (crew's lock) */
    unsigned users;          /* workers taking its blocks (crew's lock) */
    /* The next block a worker takes; its own line, as every worker writes it. */
    _Alignas(CACHE_LINE) atomic_size_t next_block;
} chunk;

struct job;

/* Aligned: each worker writes its own fields row after row. */
typedef struct worker {
    _Alignas(CACHE_LINE) struct job *job;
    libsi_ctx *ctx;
    libsi_batch *batch;
    csv_rows rows;           /* its blocks' rows split into cells */
    text_buf *out;           /* where the block being computed is formatted */
    text_buf scratch;
    size_t failed;           /* rows of the block that failed */
    int fatal;               /* a libsi code that stops the block (out of memory) */
    pthread_t tid;
} worker;

/* Threads that live as long as the job.  The reading thread hands out each
 * chunk as soon as it is read (numbered 1, 2, ...: chunk s in slot[s % 2]);
 * a worker goes on to the next chunk as soon as the one it is on has no block
 * left to take, without waiting for the other workers or for the reading
 * thread, so a worker waits only when no input is ready.  Statically
 * initialised: nothing to fail or destroy. */
typedef struct crew {
    pthread_mutex_t lock;
    pthread_cond_t go, idle;
    chunk *slot[2];
    unsigned long handed;    /* chunks handed out */
    unsigned started;        /* workers[0 .. started) run on threads */
    int quit;
} crew;

typedef struct job {
    const options *opt;
    libsi_ctx *ctx;
    libsi_ruleset *rs;       /* loaded here, or NULL */
    const libsi_ruleset *rules; /* rs, or the caller's built-in rules */
    FILE *in, *out;
    FILE *std_in, *std_out;  /* what '-' (or no --input, --output) means */
    char **columns;
    size_t n_columns, cap_columns;
    size_t *selected, n_selected;
    int hash_column, have_header, status, tty;
    char *out_buf;           /* OUT_BYTES gathered for one write, or NULL (a terminal) */
    size_t out_len;
    worker *workers;
    unsigned n_workers;
    crew crew;
    chunk ch[2];
    int fill;                /* the chunk being read; the other may be running */
    size_t block_rows;
    /* The reader's place in ch[fill]: offsets into its bytes. */
    csv_scan scan;
    size_t scan_pos;         /* bytes scanned */
    size_t block_from;       /* start of the block being gathered */
    size_t block_rows_read;  /* its rows so far */
    size_t row_from;         /* start of the row being scanned */
    size_t check_len;        /* an unfinished quoted row this long is checked */
    chunk *run;              /* the chunk handed out and not yet joined, or NULL */
    unsigned long long rows_read, rows_done, failed;
    struct timespec t0;
    long long shown_ms;
} job;

static int fail(job *j, int status, const char *fmt, ...) PRINTF_LIKE(3, 4);

/* The first error wins: later ones are usually its consequences. */
static int fail(job *j, int status, const char *fmt, ...)
{
    if (j->status != 0)
        return j->status;
    va_list ap;
    va_start(ap, fmt);
    fputs("si-batch: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    j->status = status;
    return status;
}

static const char *input_name(const job *j)
{
    return j->opt->input && strcmp(j->opt->input, "-") != 0 ? j->opt->input : "<stdin>";
}

static const char *output_name(const job *j)
{
    return j->opt->output && strcmp(j->opt->output, "-") != 0 ? j->opt->output : "<stdout>";
}

/* Bytes written to the output are gathered OUT_BYTES at a time and handed
 * to stdio in one call, which writes them in one system call: handed a
 * block (about 8 KiB) at a time, stdio wrote them in pieces of its own
 * buffer's size, 4 KiB (setvbuf with a NULL buffer keeps that size), about
 * 31,000 writes for a million pension rows. */
#define OUT_BYTES ((size_t)1 << 20)

static void put_bytes(job *j, const char *p, size_t n)
{
    if (n && fwrite(p, 1, n, j->out) != n)
        fail(j, EXIT_ERROR, "%s: %s", output_name(j), strerror(errno));
}

/* What is gathered, written (also after a failure: the rows before it). */
static void flush_bytes(job *j)
{
    size_t n = j->out_len;
    j->out_len = 0;
    put_bytes(j, j->out_buf, n);
}

static void write_bytes(job *j, const char *p, size_t n)
{
    if (j->status != 0 || n == 0)
        return;
    if (!j->out_buf || n > OUT_BYTES - j->out_len) {
        flush_bytes(j);
        if (!j->out_buf || n >= OUT_BYTES) {
            put_bytes(j, p, n);
            return;
        }
    }
    memcpy(j->out_buf + j->out_len, p, n);
    j->out_len += n;
}

/* ----------------------------------------------------------- chunk */

static void chunk_reset(chunk *c)
{
    c->rows = c->n_blocks = 0;
    c->bytes.len = 0;
}

static int chunk_init(chunk *c, size_t cap_blocks)
{
    c->cap_blocks = cap_blocks;
    c->blocks = calloc(cap_blocks, sizeof *c->blocks);
    chunk_reset(c);
    return c->blocks ? 0 : -1;
}

static void chunk_free(chunk *c)
{
    text_free(&c->bytes);
    for (size_t b = 0; c->blocks && b < c->cap_blocks; b++)
        text_free(&c->blocks[b].out);
    free(c->blocks);
}

/* ---------------------------------------------------------- workers */

/* A row that does not line up with the header fails without reaching the
 * library, with a message saying why. */
static int check_shape(const job *j, const csv_rows *r, char *msg, size_t size)
{
    size_t n = r->n_fields;
    if (r->nul) {
        snprintf(msg, size, "a cell holds a NUL byte");
        return LIBSI_EINPUT;
    }
    if (n != j->n_columns) {
        snprintf(msg, size, "the row has %zu cells, the header %zu columns", n, j->n_columns);
        return LIBSI_EINPUT;
    }
    return 0;
}

static void put_json_result(worker *w)
{
    const char *json = NULL;
    size_t len = 0;
    int rc = libsi_batch_json(w->batch, &json, &len);
    if (rc != 0) {
        w->fatal = rc;
        return;
    }
    text_put(w->out, json, len);
    if (len == 0 || json[len - 1] != '\n')
        text_putc(w->out, '\n');
}

/* The row's outputs, each after its comma, written by the library straight
 * into w->out as CSV cells (no copy, no strlen; a text quoted where it must
 * be); an output the row did not set is an empty cell. */
static void put_outputs(worker *w)
{
    const job *j = w->job;
    text_buf *o = w->out;
    size_t n = j->n_selected, len = 0, room = n * (LIBSI_DECIMAL_MAX + 1);
    char *p = text_room(o, room);
    int rc = p ? libsi_batch_outputs_write_csv(w->batch, j->selected, n, p, room, &len) : -1;
    if (rc == LIBSI_ERANGE && (p = text_room(o, room = len)) != NULL) /* a long text */
        rc = libsi_batch_outputs_write_csv(w->batch, j->selected, n, p, room, &len);
    if (rc == 0)
        o->len += len;
    else
        for (size_t i = 0; i < n; i++) /* empty cells, as for an output that cannot be read */
            text_putc(o, ',');
}

static void put_success(worker *w, unsigned long long row)
{
    const job *j = w->job;
    if (j->opt->jsonl) {
        put_json_result(w);
        return;
    }
    text_put_u64(w->out, row);
    put_outputs(w);
    if (j->hash_column) {
        text_putc(w->out, ',');
        text_puts(w->out, libsi_batch_hash(w->batch));
    }
    text_puts(w->out, ",\n");
}

static void put_failure_json(worker *w, unsigned long long row, const char *code,
                             const char *message)
{
    text_puts(w->out, "{\"row\":");
    text_put_u64(w->out, row);
    text_puts(w->out, ",\"error\":{\"code\":");
    text_put_json(w->out, code);
    text_puts(w->out, ",\"message\":");
    text_put_json(w->out, message);
    text_puts(w->out, "}}\n");
}

/* Empty outputs (and hash), then "CODE: message" in the error column. */
static void put_failure(worker *w, unsigned long long row, int rc, const char *message)
{
    const char *code = text_error_name(rc);
    if (w->job->opt->jsonl) {
        put_failure_json(w, row, code, message);
        return;
    }
    text_put_u64(w->out, row);
    for (size_t k = 0; k <= w->job->n_selected + (size_t)w->job->hash_column; k++)
        text_putc(w->out, ',');
    w->scratch.len = 0;
    text_puts(&w->scratch, code);
    text_puts(&w->scratch, ": ");
    text_puts(&w->scratch, message);
    text_putc(&w->scratch, '\0');
    text_put_csv(w->out, w->scratch.oom ? code : w->scratch.data);
    text_putc(w->out, '\n');
}

/* Data row `row` (1-based), split into w->rows. */
static void run_row(worker *w, unsigned long long row)
{
    const job *j = w->job;
    char shape[96] = "";
    int rc = check_shape(j, &w->rows, shape, sizeof shape);
    if (rc == 0)
        rc = libsi_batch_run(w->batch, w->rows.cell);
    if (rc == LIBSI_ENOMEM) {
        w->fatal = rc; /* not the row's fault: stop rather than report it as bad */
        return;
    }
    if (rc == 0) {
        put_success(w, row);
        return;
    }
    const char *msg = *shape ? shape : libsi_ctx_message_lang(w->ctx, j->opt->lang);
    put_failure(w, row, rc, *msg ? msg : libsi_strerror(rc));
    w->failed++;
}

/* The rows of block b, split, computed and formatted into its buffer.  A
 * fatal code or a failed allocation leaves the block incomplete, malformed
 * CSV ends it at the bad row; join_run() reports either, after writing the
 * rows before. */
static void run_block(worker *w, chunk *c, size_t b)
{
    block *k = &c->blocks[b]; /* the chunk's blocks are the workers', one each */
    char *p = c->bytes.data + k->from, *end = c->bytes.data + k->to;
    text_buf out = k->out; /* on this thread's stack: blocks side by side share lines */
    out.len = 0;
    w->out = &out;
    w->failed = 0;
    w->fatal = 0;
    k->bad_row = 0;
    unsigned long long row = k->base;
    int rc = 0;
    while (!w->fatal && (rc = csv_rows_next(&w->rows, &p, end)) > 0)
        run_row(w, ++row);
    if (rc < 0 && w->rows.status == CSV_ENOMEM)
        out.oom = 1;
    else if (rc < 0 || (!w->fatal && row - k->base != k->rows)) { /* the latter cannot be */
        k->bad_row = row + 1;
        k->csv_status = rc < 0 ? w->rows.status : CSV_EPARSE;
    }
    k->out = out;
    k->failed = w->failed;
    k->fatal = w->fatal;
    if (w->fatal)
        snprintf(k->message, sizeof k->message, "%s", libsi_ctx_message(w->ctx));
    k->complete = !w->fatal && !out.oom && !w->scratch.oom;
}

/* Each worker takes the next block until none is left, so every block of the
 * chunk is run exactly once.  Relaxed order suffices: the counter only makes
 * the numbers unique; the blocks' contents reach the main thread through the
 * crew's mutex (or stay in the one thread). */
static void run_blocks(worker *w, chunk *c)
{
    size_t b;
    while ((b = atomic_fetch_add_explicit(&c->next_block, 1, memory_order_relaxed)) < c->n_blocks)
        run_block(w, c, b);
}

/* Chunks in the order handed out.  A chunk's number is checked under the
 * lock before a thread enters it: a thread that was away may find that the
 * chunk was finished and joined (number 0, or its slot reused by the next
 * but one), and goes on; a joined chunk is never entered again, so the
 * reading thread may refill it. */
static void *worker_thread(void *arg)
{
    worker *w = arg;
    crew *k = &w->job->crew;
    unsigned long seen = 0;
    pthread_mutex_lock(&k->lock);
    for (;;) {
        while (k->handed == seen && !k->quit)
            pthread_cond_wait(&k->go, &k->lock);
        if (k->handed == seen)
            break; /* quit, and nothing is left */
        chunk *c = k->slot[++seen % 2];
        if (c->seq != seen)
            continue;
        c->users++;
        pthread_mutex_unlock(&k->lock);
        run_blocks(w, c);
        pthread_mutex_lock(&k->lock);
        if (--c->users == 0)
            pthread_cond_broadcast(&k->idle);
    }
    pthread_mutex_unlock(&k->lock);
    return NULL;
}

/* Threads are started once, not per chunk: a chunk is a few milliseconds of
 * work, and a thread start per worker and chunk would be thousands per
 * million rows at --trace full.  A thread that cannot be started leaves its
 * worker unused (the others take its blocks); with none, the main thread
 * computes each chunk itself. */
static void start_crew(job *j)
{
    if (j->n_workers < 2)
        return;
    while (j->crew.started < j->n_workers) {
        worker *w = &j->workers[j->crew.started];
        if (pthread_create(&w->tid, NULL, worker_thread, w) != 0)
            break;
        j->crew.started++;
    }
}

/* Only after finish_run(): every chunk handed out is joined. */
static void stop_crew(job *j)
{
    crew *k = &j->crew;
    pthread_mutex_lock(&k->lock);
    k->quit = 1;
    pthread_cond_broadcast(&k->go);
    pthread_mutex_unlock(&k->lock);
    for (unsigned i = 0; i < k->started; i++)
        pthread_join(j->workers[i].tid, NULL);
    k->started = 0;
}

/* Hand chunk c to the threads, which go on to it as soon as they are done
 * with the chunk before, while this thread writes that one and reads the
 * next; without threads, compute it here. */
static void start_run(job *j, chunk *c)
{
    crew *k = &j->crew;
    for (size_t b = 0; b < c->n_blocks; b++) {
        c->blocks[b].base = j->rows_read;
        j->rows_read += c->blocks[b].rows;
    }
    atomic_store_explicit(&c->next_block, 0, memory_order_relaxed);
    if (k->started == 0) {
        run_blocks(&j->workers[0], c);
        return;
    }
    pthread_mutex_lock(&k->lock);
    c->seq = ++k->handed;
    k->slot[c->seq % 2] = c;
    pthread_cond_broadcast(&k->go);
    pthread_mutex_unlock(&k->lock);
}

/* Until every block of c is taken and no thread is still in it (so every
 * block is done); then c is joined: no thread enters it again. */
static void wait_run(crew *k, chunk *c)
{
    if (k->started == 0)
        return;
    pthread_mutex_lock(&k->lock);
    while (c->users > 0 || atomic_load_explicit(&c->next_block, memory_order_relaxed) < c->n_blocks)
        pthread_cond_wait(&k->idle, &k->lock);
    c->seq = 0;
    pthread_mutex_unlock(&k->lock);
}

/* Blocks [0, n) of chunk c, in row order. */
static void write_blocks(job *j, const chunk *c, size_t n)
{
    for (size_t b = 0; b < n; b++) {
        write_bytes(j, c->blocks[b].out.data, c->blocks[b].out.len);
        j->failed += c->blocks[b].failed;
    }
}

static long long elapsed_ms(const job *j)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (long long)(now.tv_sec - j->t0.tv_sec) * 1000 +
           (now.tv_nsec - j->t0.tv_nsec) / 1000000;
}

/* Integer arithmetic only: the rate needs no fraction. */
static void show_progress(job *j, int last)
{
    if (!j->tty)
        return;
    long long ms = elapsed_ms(j);
    if (!last && ms - j->shown_ms < PROGRESS_MS)
        return;
    j->shown_ms = ms;
    unsigned long long rate = ms > 0 ? j->rows_done * 1000ULL / (unsigned long long)ms : 0;
    fprintf(stderr, "\rsi-batch: %llu rows, %llu rows/s\033[K%s", j->rows_done, rate,
            last ? "\n" : "");
}

/* The rows of a computed chunk, in input order. */
static void write_chunk(job *j, const chunk *c)
{
    write_blocks(j, c, c->n_blocks);
    j->rows_done += c->rows;
    show_progress(j, 0);
}

/* Wait for chunk c (handed out, or NULL); return it, to be written, or NULL
 * when there is none or a block stopped early: then the rows before that
 * block are written and the run fails. */
static const chunk *join_run(job *j, chunk *c)
{
    if (!c)
        return NULL;
    wait_run(&j->crew, c);
    size_t b = 0;
    while (b < c->n_blocks && c->blocks[b].complete && !c->blocks[b].bad_row)
        b++;
    if (b == c->n_blocks)
        return c;
    const block *k = &c->blocks[b];
    write_blocks(j, c, b + (k->complete != 0)); /* a malformed row's block: the rows before it */
    if (k->complete)
        fail(j, EXIT_ERROR, "%s: data row %llu: malformed CSV (%s)", input_name(j), k->bad_row,
             csv_strerror(k->csv_status));
    else if (k->fatal)
        fail(j, EXIT_ERROR, "%s: %s", libsi_strerror(k->fatal), k->message);
    else
        fail(j, EXIT_ERROR, "out of memory");
    return NULL;
}

/* Wait for the running chunk and write its rows.  Always called before the
 * workers are freed. */
static void finish_run(job *j)
{
    const chunk *c = join_run(j, j->run);
    j->run = NULL;
    if (c)
        write_chunk(j, c);
}

/* The chunk being read is complete: hand it out (the workers go on to it
 * when done with the one before), wait for the one before and write its
 * rows while they compute, and read on into its buffer, starting with the
 * bytes after this chunk's last block. */
static void flush_chunk(job *j)
{
    chunk *c = &j->ch[j->fill];
    if (j->status != 0 || c->n_blocks == 0)
        return;
    start_run(j, c);
    const chunk *done = join_run(j, j->run);
    j->run = c;
    if (done)
        write_chunk(j, done);
    if (j->status != 0)
        return;
    j->fill ^= 1;
    chunk *next = &j->ch[j->fill];
    chunk_reset(next);
    text_put(&next->bytes, c->bytes.data + j->block_from, c->bytes.len - j->block_from);
    if (next->bytes.oom)
        fail(j, EXIT_ERROR, "out of memory");
    j->scan_pos -= j->block_from;
    j->row_from -= j->block_from;
    j->block_from = 0;
}

/* ----------------------------------------------------------- header */

static int header_add(job *j, const char *s, size_t len)
{
    if (len && memchr(s, '\0', len))
        return fail(j, EXIT_HEADER, "input header: column %zu holds a NUL byte",
                    j->n_columns + 1);
    if (j->n_columns == j->cap_columns) {
        size_t cap = j->cap_columns ? 2 * j->cap_columns : 16;
        char **p = realloc(j->columns, cap * sizeof *p);
        if (!p)
            return fail(j, EXIT_ERROR, "out of memory");
        j->columns = p;
        j->cap_columns = cap;
    }
    char *name = malloc(len + 1);
    if (!name)
        return fail(j, EXIT_ERROR, "out of memory");
    if (len)
        memcpy(name, s, len);
    name[len] = '\0';
    j->columns[j->n_columns++] = name;
    return 0;
}

static int bad_column(job *j, const char *name, const char *why)
{
    fail(j, EXIT_HEADER, "input header: column '%s' %s", name, why);
    fprintf(stderr, "  inputs of %s: ", j->opt->scheme);
    list_names(stderr, j->opt->scheme, LIBSI_FIELD_INPUT);
    return EXIT_HEADER;
}

/* Checked here, before any row, so a misspelt column never yields a file of
 * rows computed with that input silently absent. */
static int check_header(job *j)
{
    for (size_t i = 0; i < j->n_columns; i++) {
        const char *name = j->columns[i];
        if (field_index(j->opt->scheme, LIBSI_FIELD_INPUT, name) < 0)
            return bad_column(j, name, "is not an input of this scheme");
        for (size_t k = 0; k < i; k++)
            if (strcmp(j->columns[k], name) == 0)
                return bad_column(j, name, "appears twice");
    }
    return 0;
}

/* CSV has no room for a trace: there --trace full records only the hash. */
static libsi_trace_level batch_level(const options *o)
{
    return !o->jsonl && o->level == LIBSI_TRACE_FULL ? LIBSI_TRACE_HASH : o->level;
}

static int open_worker(job *j, worker *w)
{
    w->job = j;
    int rc = libsi_ctx_new(NULL, &w->ctx);
    if (rc != 0)
        return fail(j, EXIT_ERROR, "%s", libsi_strerror(rc));
    if (csv_rows_init(&w->rows, j->n_columns) != 0)
        return fail(j, EXIT_ERROR, "out of memory");
    rc = libsi_batch_new(w->ctx, j->rules, j->opt->scheme, (const char *const *)j->columns,
                         j->n_columns, batch_level(j->opt), &w->batch);
    if (rc == 0)
        return 0;
    return fail(j, rc == LIBSI_EINPUT ? EXIT_HEADER : EXIT_ERROR, "input header: %s: %s",
                libsi_strerror(rc), libsi_ctx_message(w->ctx));
}

static int open_workers(job *j)
{
    size_t size = j->opt->n_threads * sizeof *j->workers; /* a multiple of the alignment */
    j->workers = aligned_alloc(_Alignof(worker), size);
    if (!j->workers)
        return fail(j, EXIT_ERROR, "out of memory");
    memset(j->workers, 0, size);
    j->n_workers = j->opt->n_threads;
    for (unsigned i = 0; i < j->n_workers; i++)
        if (open_worker(j, &j->workers[i]) != 0)
            return j->status;
    return 0;
}

/* Output indices in the batch: --outputs in its order, or all of them. */
static int select_outputs(job *j)
{
    const libsi_batch *b = j->workers[0].batch;
    const options *o = j->opt;
    size_t n = o->n_selected ? o->n_selected : libsi_batch_output_count(b);
    j->selected = calloc(n ? n : 1, sizeof *j->selected);
    if (!j->selected)
        return fail(j, EXIT_ERROR, "out of memory");
    for (size_t k = 0; k < n; k++) {
        int i = o->n_selected ? libsi_batch_output_index(b, o->selected[k]) : (int)k;
        if (i < 0)
            return fail(j, EXIT_ERROR, "--outputs: the batch has no output '%s'",
                        o->selected[k]);
        j->selected[k] = (size_t)i;
    }
    j->n_selected = n;
    return 0;
}

static void write_header(job *j)
{
    if (j->opt->jsonl)
        return;
    text_buf h = {0};
    text_puts(&h, "row");
    for (size_t k = 0; k < j->n_selected; k++) {
        const char *name = libsi_batch_output_name(j->workers[0].batch, j->selected[k]);
        text_putc(&h, ',');
        text_put_csv(&h, name ? name : "");
    }
    text_puts(&h, j->hash_column ? ",hash,error\n" : ",error\n");
    if (h.oom)
        fail(j, EXIT_ERROR, "out of memory");
    write_bytes(j, h.data, h.len);
    text_free(&h);
}

/* Only jsonl carries the trace itself (csv gets its hash). */
static int full_trace(const options *o)
{
    return o->jsonl && o->level == LIBSI_TRACE_FULL;
}

static size_t chunk_rows(const options *o)
{
    size_t per = full_trace(o) ? ROWS_PER_THREAD_FULL : ROWS_PER_THREAD;
    size_t rows = per * o->n_threads;
    return rows < MAX_CHUNK_ROWS ? rows : MAX_CHUNK_ROWS;
}

/* The header is complete: check it, prepare the workers, write the header. */
static void start_rows(job *j)
{
    j->have_header = 1;
    if (check_header(j) != 0 || open_workers(j) != 0 || select_outputs(j) != 0)
        return;
    write_header(j);
    start_crew(j);
}

/* The two chunks, each of up to chunk_rows() rows in blocks of block_rows. */
static int init_chunks(job *j)
{
    j->block_rows = full_trace(j->opt) ? BLOCK_ROWS_FULL : BLOCK_ROWS;
    size_t blocks = (chunk_rows(j->opt) + j->block_rows - 1) / j->block_rows;
    if (chunk_init(&j->ch[0], blocks) != 0 || chunk_init(&j->ch[1], blocks) != 0)
        return fail(j, EXIT_ERROR, "out of memory");
    j->check_len = LONG_ROW;
    return 0;
}

/* ------------------------------------------------------------ input */

static void header_cell(void *s, size_t len, void *data)
{
    job *j = data;
    if (j->status == 0)
        header_add(j, s, len);
}

static void header_row(int terminator, void *data)
{
    job *j = data;
    (void)terminator;
    if (j->status == 0 && !j->have_header)
        start_rows(j);
}

/* The header: the first row, bytes [0, end) of the first chunk (blank lines
 * before it included), parsed here by libcsv. */
static void read_header(job *j, size_t end)
{
    struct csv_parser p;
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
        fail(j, EXIT_ERROR, "out of memory");
        return;
    }
    const char *d = j->ch[j->fill].bytes.data;
    if (csv_parse(&p, d, end, header_cell, header_row, j) != end ||
        csv_fini(&p, header_cell, header_row, j) != 0)
        fail(j, EXIT_ERROR, "%s: header: malformed CSV (%s)", input_name(j),
             csv_strerror(csv_error(&p)));
    csv_free(&p);
    j->block_from = j->row_from = end;
}

/* The block being gathered ends at `end`; a full chunk goes to the workers. */
static void close_block(job *j, size_t end)
{
    chunk *c = &j->ch[j->fill];
    block *k = &c->blocks[c->n_blocks++];
    k->from = j->block_from;
    k->to = end;
    k->rows = j->block_rows_read;
    c->rows += k->rows;
    j->block_from = end;
    j->block_rows_read = 0;
    if (c->n_blocks == c->cap_blocks || end >= CHUNK_TEXT_LIMIT)
        flush_chunk(j);
}

/* A row ends at `end` (just past its line end, or the end of the input). */
static void row_end(job *j, size_t end)
{
    if (!j->have_header) {
        read_header(j, end);
        return;
    }
    j->row_from = end;
    j->check_len = LONG_ROW;
    if (++j->block_rows_read == j->block_rows)
        close_block(j, end);
}

/* The rows before a malformed one are computed and written first. */
static void malformed_row(job *j)
{
    if (!j->have_header) {
        fail(j, EXIT_ERROR, "%s: header: malformed CSV (%s)", input_name(j),
             csv_strerror(CSV_EPARSE));
        return;
    }
    if (j->block_rows_read)
        close_block(j, j->row_from);
    flush_chunk(j);
    finish_run(j);
    fail(j, EXIT_ERROR, "%s: data row %llu: malformed CSV (%s)", input_name(j), j->rows_read + 1,
         csv_strerror(CSV_EPARSE));
}

/* A quote left open makes the rest of the input one row to the reader: past
 * LONG_ROW bytes (doubling) the row so far is checked with libcsv, so a
 * stray quote is reported where it is instead of the whole input being held. */
static void check_long_row(job *j)
{
    const chunk *c = &j->ch[j->fill];
    size_t len = c->bytes.len - j->row_from;
    if (!j->scan.quoted || len < j->check_len)
        return;
    j->check_len *= 2;
    if (!csv_valid_prefix(c->bytes.data + j->row_from, len))
        malformed_row(j);
}

/* Find the row ends in the bytes read so far. */
static void scan_input(job *j)
{
    while (j->status == 0) {
        chunk *c = &j->ch[j->fill];
        size_t end = csv_scan_row_end(&j->scan, c->bytes.data, &j->scan_pos, c->bytes.len);
        if (end == 0) {
            check_long_row(j);
            return;
        }
        row_end(j, end);
    }
}

/* A last row without a line end ends with the input, and a NUL goes just
 * past the input (read_input() keeps a byte of room); then the last block. */
static void end_input(job *j)
{
    chunk *c = &j->ch[j->fill];
    c->bytes.data[c->bytes.len] = '\0'; /* csv_rows_next() stops there */
    if (j->scan.begun || j->scan.quoted)
        row_end(j, c->bytes.len);
    if (j->status == 0 && j->have_header && j->block_rows_read)
        close_block(j, j->ch[j->fill].bytes.len);
}

/* Reads the input in READ_BYTES pieces straight into the chunk being
 * filled, finding row ends as it goes; the workers split the rows. */
static void read_input(job *j)
{
    if (init_chunks(j) != 0)
        return;
    for (int first = 1; j->status == 0; first = 0) {
        text_buf *b = &j->ch[j->fill].bytes;
        char *room = text_room(b, READ_BYTES + 1);
        if (!room) {
            fail(j, EXIT_ERROR, "out of memory");
            break;
        }
        size_t n = fread(room, 1, READ_BYTES, j->in);
        if (n == 0)
            break;
        if (first && n >= 3 && memcmp(room, "\xEF\xBB\xBF", 3) == 0) {
            n -= 3;
            memmove(room, room + 3, n);
        }
        b->len += n;
        scan_input(j);
    }
    if (ferror(j->in)) {
        finish_run(j); /* rows before, and their errors, first */
        fail(j, EXIT_ERROR, "%s: %s", input_name(j), strerror(errno));
    }
    if (j->status == 0)
        end_input(j);
    if (!j->have_header)
        fail(j, EXIT_HEADER, "%s: no header line", input_name(j));
    flush_chunk(j);
    finish_run(j);
}

/* ------------------------------------------------------------- main */

static FILE *open_file(const char *path, const char *mode, FILE *std)
{
    return !path || strcmp(path, "-") == 0 ? std : fopen(path, mode);
}

/* Opening the output truncates it: refuse when it is the input itself. */
static int same_file(FILE *in, const char *path)
{
    struct stat a, b;
    return path && strcmp(path, "-") != 0 && fstat(fileno(in), &a) == 0 &&
           stat(path, &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

/* Output in writes of 1 MiB, not of stdio's 4 KiB: the write calls of
 * contributions rows were a quarter of a run's time, all on the thread that
 * also reads (#10).  A stream we did not open is left as it is, except
 * standard output going to a file or pipe. */
/* A file or a pipe gets its bytes OUT_BYTES at a time (write_bytes); a
 * terminal as they come.  Without the memory, stdio's own buffer. */
static void buffer_output(job *j)
{
    int own = j->out != j->std_out;
    if (own || !isatty(fileno(j->out)))
        j->out_buf = malloc(OUT_BYTES);
}

static void open_job(job *j)
{
    const options *o = j->opt;
    int rc = libsi_ctx_new(NULL, &j->ctx);
    if (rc != 0) {
        fail(j, EXIT_ERROR, "%s", libsi_strerror(rc));
        return;
    }
    rc = o->rules ? libsi_ruleset_load(j->ctx, o->rules, &j->rs)
         : j->rules ? 0 : libsi_ruleset_builtin(j->ctx, &j->rs);
    if (rc != 0) {
        fail(j, EXIT_ERROR, "rules: %s: %s", libsi_strerror(rc), libsi_ctx_message(j->ctx));
        return;
    }
    if (j->rs)
        j->rules = j->rs;
    if (!(j->in = open_file(o->input, "rb", j->std_in)))
        fail(j, EXIT_ERROR, "%s: %s", input_name(j), strerror(errno));
    else if (same_file(j->in, o->output))
        fail(j, EXIT_ERROR, "%s: the output is the input file", output_name(j));
    else if (!(j->out = open_file(o->output, "wb", j->std_out)))
        fail(j, EXIT_ERROR, "%s: %s", output_name(j), strerror(errno));
    else
        buffer_output(j);
    j->hash_column = !o->jsonl && o->level != LIBSI_TRACE_NONE;
    j->tty = isatty(STDERR_FILENO);
    clock_gettime(CLOCK_MONOTONIC, &j->t0);
}

/* A full disk often shows only at the last flush or close. */
static void close_output(job *j)
{
    if (!j->out)
        return;
    flush_bytes(j);
    free(j->out_buf);
    j->out_buf = NULL;
    int bad = fflush(j->out) != 0 || ferror(j->out);
    if (j->out != j->std_out)
        bad |= fclose(j->out) != 0;
    j->out = NULL;
    if (bad)
        fail(j, EXIT_ERROR, "%s: %s", output_name(j), strerror(errno));
}

/* After finish_run(): no chunk is running. */
static void close_job(job *j)
{
    stop_crew(j);
    for (unsigned i = 0; i < j->n_workers; i++) {
        libsi_batch_free(j->workers[i].batch);
        libsi_ctx_free(j->workers[i].ctx);
        text_free(&j->workers[i].scratch);
        csv_rows_free(&j->workers[i].rows);
    }
    free(j->workers);
    for (size_t i = 0; i < j->n_columns; i++)
        free(j->columns[i]);
    free(j->columns);
    free(j->selected);
    chunk_free(&j->ch[0]);
    chunk_free(&j->ch[1]);
    if (j->in && j->in != j->std_in)
        fclose(j->in);
    libsi_ruleset_free(j->rs);
    libsi_ctx_free(j->ctx);
}

static int run(const options *o, FILE *in, FILE *out, const libsi_ruleset *builtin)
{
    job j = {.opt = o, .std_in = in, .std_out = out, .rules = builtin,
             .crew = {.lock = PTHREAD_MUTEX_INITIALIZER, .go = PTHREAD_COND_INITIALIZER,
                      .idle = PTHREAD_COND_INITIALIZER}};
    open_job(&j);
    if (j.status == 0)
        read_input(&j);
    finish_run(&j); /* no worker may outlive an early error */
    show_progress(&j, 1);
    close_output(&j);
    close_job(&j);
    if (j.status != 0)
        return j.status;
    return j.failed ? EXIT_ROWS_FAILED : 0;
}

int si_batch_main(int argc, char **argv, FILE *in, FILE *out, const libsi_ruleset *builtin)
{
    options o = {0};
    int status = parse_args(argc, argv, &o);
    if (status == 0 && o.help)
        status = help(&o);
    else if (status == 0 && (status = check_options(&o)) == 0)
        status = run(&o, in, out, builtin);
    free(o.outputs_copy);
    free(o.selected);
    return status;
}

#ifndef SI_BATCH_NO_MAIN
int main(int argc, char **argv)
{
    return si_batch_main(argc, argv, stdin, stdout, NULL);
}
#endif
