/*
** cli_jobs.h: what 'run -j' and 'test -j' share: the -j option and the
** in-order hand-off. cli_jobs_threads() evaluates items in worker threads
** (each worker with its own engine, which the caller keeps per worker) and
** hands each finished item on in input order, so the output is the same
** bytes as -j 1. 'test' runs workers as processes
** instead (test_jobs.c), because it captures what each fixture writes to
** stderr, and a file descriptor belongs to the whole process.
*/
#ifndef CLI_JOBS_H
#define CLI_JOBS_H

#include <stddef.h>
#include <stdio.h>

#define CLI_MAX_JOBS 256

/* Parse -j's value V for command CMD into *JOBS. 0, or the usage error's exit code. */
int cli_jobs_parse(const char *cmd, const char *v, int *jobs);

/*
** The default -j for a report written to OUT: the number of online cores
** when OUT is a file or a pipe, 1 on a terminal (where a person reads it as
** it comes and a second engine's start-up is not worth its memory).
*/
int cli_jobs_default(FILE *out);

/* Work on item I in worker W (0..jobs-1), filling SLOT (zeroed before). */
typedef void (*cli_job_fn)(void *ctx, int w, size_t i, void *slot);
/*
** Hand on item I's SLOT; called for I = 0, 1, ... in order, one call at a
** time, by whichever worker finished the item next in order (with -j 1 by
** the calling thread).
*/
typedef void (*cli_emit_fn)(void *ctx, size_t i, void *slot);
/*
** Free what worker W put in SLOT, after EMIT, in W's own thread: memory
** freed by the thread that allocated it stays in that thread's malloc
** arena (freeing in the emitting thread made -j 2 use 40 % more CPU).
*/
typedef void (*cli_release_fn)(void *ctx, int w, void *slot);

/*
** Run FN over items 0..N-1 in JOBS threads (1: in this thread, no thread
** started), call EMIT for each in order, then RELEASE. At most a few items per worker
** are done and waiting, so memory does not grow with N. SLOT_SIZE is the
** size of one slot. 0, or -1 when no thread could be started (then nothing
** was run).
*/
int cli_jobs_threads(size_t n, int jobs, size_t slot_size, cli_job_fn fn, cli_emit_fn emit,
		     cli_release_fn release, void *ctx);

#endif
