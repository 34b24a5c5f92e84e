/*
** cli_jobs.c: the -j option and the in-order thread runner (cli_jobs.h).
** Items are kept in a ring of WINDOW slots: a worker takes the next item
** only when its slot is free again (emitted, then released by the worker
** that filled it), so a slow item holds back at most WINDOW finished ones.
** The worker that finishes the item next in order emits it, and every
** finished one after it: a third thread that only emitted had to preempt a
** busy worker for each item (two context switches an item at -j 2).
*/
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli_common.h"
#include "cli_jobs.h"

int cli_jobs_parse(const char *cmd, const char *v, int *jobs)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(v, &end, 10);
	if (errno || end == v || *end || n < 1 || n > CLI_MAX_JOBS)
		return cli_usage_error(cmd, "bad -j '%s': expected a number from 1 to %d", v,
				       CLI_MAX_JOBS);
	*jobs = (int)n;
	return 0;
}

int cli_jobs_default(FILE *out)
{
	long n;

	if (isatty(fileno(out)))
		return 1;
	n = sysconf(_SC_NPROCESSORS_ONLN);
	if (n < 1)
		return 1;
	return n > CLI_MAX_JOBS ? CLI_MAX_JOBS : (int)n;
}

/* Finished items waiting per worker: enough to cover uneven items. */
#define JOBS_AHEAD 4

enum jobs_state { SLOT_FREE = 0, SLOT_BUSY, SLOT_DONE, SLOT_EMITTED };

struct jobs_pool {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	size_t n, window, slot_size;
	size_t taken;		/* items handed to workers */
	size_t emitted;		/* items emitted: the next to emit */
	int emitting;		/* a worker is emitting (with the lock dropped) */
	int waiting;		/* threads waiting on CV */
	unsigned char *slots;	/* WINDOW slots of SLOT_SIZE */
	unsigned char *state;	/* per slot: enum jobs_state */
	int *owner;		/* per slot: the worker that filled it */
	cli_job_fn fn;
	cli_emit_fn emit;
	cli_release_fn release;
	void *ctx;
};

struct jobs_worker {
	struct jobs_pool *pool;
	int w;
};

/* Wake the threads waiting on P's condition, if any (called with the lock held). */
static void jobs_wake(struct jobs_pool *p)
{
	if (p->waiting > 0)
		pthread_cond_broadcast(&p->cv);
}

static void jobs_wait(struct jobs_pool *p)
{
	p->waiting++;
	pthread_cond_wait(&p->cv, &p->mu);
	p->waiting--;
}

/*
** Release worker W's emitted slots, in W's thread (called and returning with
** the lock held). How many of W's slots are still to be emitted.
*/
static size_t jobs_release_own(struct jobs_pool *p, int w)
{
	size_t s, pending;
	int unlocked;

	/*
	** Scan again after any release: the lock was dropped meanwhile, and a
	** slot counted as pending may have been emitted, its broadcast gone
	** before the caller waits. Only a count from a scan that held the lock
	** throughout lets the caller wait without missing it (run -j hung so).
	*/
	do {
		pending = 0;
		unlocked = 0;
		for (s = 0; s < p->window; s++) {
			if (p->owner[s] != w || p->state[s] == SLOT_FREE)
				continue;
			if (p->state[s] != SLOT_EMITTED) {
				pending++;
				continue;
			}
			pthread_mutex_unlock(&p->mu);
			p->release(p->ctx, w, p->slots + s * p->slot_size);
			memset(p->slots + s * p->slot_size, 0, p->slot_size);
			pthread_mutex_lock(&p->mu);
			p->state[s] = SLOT_FREE;
			jobs_wake(p);
			unlocked = 1;
		}
	} while (unlocked);
	return pending;
}

/*
** Emit every finished item from the next in order on, unless another
** worker is at it (called and returning with the lock held). That worker
** sees, under the lock, whatever finished meanwhile.
*/
static void jobs_emit_ready(struct jobs_pool *p)
{
	size_t s;

	if (p->emitting)
		return;
	p->emitting = 1;
	while (p->emitted < p->n && p->state[(s = p->emitted % p->window)] == SLOT_DONE) {
		pthread_mutex_unlock(&p->mu);
		p->emit(p->ctx, p->emitted, p->slots + s * p->slot_size);
		pthread_mutex_lock(&p->mu);
		p->state[s] = SLOT_EMITTED;
		p->emitted++;
		jobs_wake(p);
	}
	p->emitting = 0;
}

static void *jobs_thread(void *arg)
{
	struct jobs_worker *wk = arg;
	struct jobs_pool *p = wk->pool;
	size_t i, s;

	pthread_mutex_lock(&p->mu);
	for (;;) {
		if (jobs_release_own(p, wk->w) == 0 && p->taken >= p->n)
			break;
		if (p->taken >= p->n || p->state[p->taken % p->window] != SLOT_FREE) {
			jobs_wait(p);
			continue;
		}
		i = p->taken++;
		s = i % p->window;
		p->state[s] = SLOT_BUSY;
		p->owner[s] = wk->w;
		pthread_mutex_unlock(&p->mu);
		p->fn(p->ctx, wk->w, i, p->slots + s * p->slot_size);
		pthread_mutex_lock(&p->mu);
		p->state[s] = SLOT_DONE;
		jobs_emit_ready(p);
	}
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

int cli_jobs_threads(size_t n, int jobs, size_t slot_size, cli_job_fn fn, cli_emit_fn emit,
		     cli_release_fn release, void *ctx)
{
	struct jobs_pool p;
	struct jobs_worker *wks;
	pthread_t *tids;
	size_t i;
	int started = 0, rc = 0;

	if (jobs < 1)
		jobs = 1;
	if ((size_t)jobs > n)
		jobs = n ? (int)n : 1;
	memset(&p, 0, sizeof(p));
	p.n = n;
	p.window = (size_t)jobs * JOBS_AHEAD;
	p.slot_size = slot_size;
	p.fn = fn;
	p.emit = emit;
	p.release = release;
	p.ctx = ctx;
	p.slots = calloc(p.window, slot_size);
	p.state = calloc(p.window, 1);
	p.owner = calloc(p.window, sizeof(*p.owner));
	tids = calloc((size_t)jobs, sizeof(*tids));
	wks = calloc((size_t)jobs, sizeof(*wks));
	if (!p.slots || !p.state || !p.owner || !tids || !wks) {
		rc = -1;
		goto out;
	}
	if (jobs == 1) {
		for (i = 0; i < n; i++) {
			memset(p.slots, 0, slot_size);
			fn(ctx, 0, i, p.slots);
			emit(ctx, i, p.slots);
			release(ctx, 0, p.slots);
		}
		goto out;
	}
	pthread_mutex_init(&p.mu, NULL);
	pthread_cond_init(&p.cv, NULL);
	for (started = 0; started < jobs; started++) {
		wks[started].pool = &p;
		wks[started].w = started;
		if (pthread_create(&tids[started], NULL, jobs_thread, &wks[started]) != 0)
			break;
	}
	if (started == 0)
		rc = -1;
	/* the workers emit; this thread waits for them */
	while (started > 0)
		pthread_join(tids[--started], NULL);
	pthread_cond_destroy(&p.cv);
	pthread_mutex_destroy(&p.mu);
out:
	free(p.slots);
	free(p.state);
	free(p.owner);
	free(tids);
	free(wks);
	return rc;
}
