/*
** cli_jobs.c: the -j option and the in-order thread runner (cli_jobs.h).
** Items are kept in a ring of WINDOW slots: a worker takes the next item
** only when its slot has been emitted, so a slow item holds back at most
** WINDOW finished ones, and the emitter waits on the item it needs next.
*/
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
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

/* Finished items waiting per worker: enough to cover uneven items. */
#define JOBS_AHEAD 4

struct jobs_pool {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	size_t n, window, slot_size;
	size_t taken;		/* items handed to workers */
	size_t emitted;		/* items handed on in order */
	unsigned char *slots;	/* WINDOW slots of SLOT_SIZE */
	char *done;		/* per slot: its item is finished */
	cli_job_fn fn;
	void *ctx;
};

struct jobs_worker {
	struct jobs_pool *pool;
	int w;
};

static void *jobs_thread(void *arg)
{
	struct jobs_worker *wk = arg;
	struct jobs_pool *p = wk->pool;
	size_t i, s;

	for (;;) {
		pthread_mutex_lock(&p->mu);
		while (p->taken < p->n && p->taken >= p->emitted + p->window)
			pthread_cond_wait(&p->cv, &p->mu);
		if (p->taken >= p->n) {
			pthread_mutex_unlock(&p->mu);
			return NULL;
		}
		i = p->taken++;
		pthread_mutex_unlock(&p->mu);
		s = i % p->window;
		p->fn(p->ctx, wk->w, i, p->slots + s * p->slot_size);
		pthread_mutex_lock(&p->mu);
		p->done[s] = 1;
		pthread_cond_broadcast(&p->cv);
		pthread_mutex_unlock(&p->mu);
	}
}

int cli_jobs_threads(size_t n, int jobs, size_t slot_size, cli_job_fn fn, cli_emit_fn emit,
		     void *ctx)
{
	struct jobs_pool p;
	struct jobs_worker *wks;
	pthread_t *tids;
	size_t i, s;
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
	p.ctx = ctx;
	p.slots = calloc(jobs == 1 ? 1 : p.window, slot_size);
	p.done = calloc(p.window, 1);
	tids = calloc((size_t)jobs, sizeof(*tids));
	wks = calloc((size_t)jobs, sizeof(*wks));
	if (!p.slots || !p.done || !tids || !wks) {
		rc = -1;
		goto out;
	}
	if (jobs == 1) {
		for (i = 0; i < n; i++) {
			memset(p.slots, 0, slot_size);
			fn(ctx, 0, i, p.slots);
			emit(ctx, i, p.slots);
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
	if (started == 0) {
		rc = -1;
	} else {
		for (i = 0; i < n; i++) {
			s = i % p.window;
			pthread_mutex_lock(&p.mu);
			while (!p.done[s])
				pthread_cond_wait(&p.cv, &p.mu);
			pthread_mutex_unlock(&p.mu);
			emit(ctx, i, p.slots + s * slot_size);
			memset(p.slots + s * slot_size, 0, slot_size);
			pthread_mutex_lock(&p.mu);
			p.done[s] = 0;
			p.emitted++;
			pthread_cond_broadcast(&p.cv);
			pthread_mutex_unlock(&p.mu);
		}
	}
	while (started > 0)
		pthread_join(tids[--started], NULL);
	pthread_cond_destroy(&p.cv);
	pthread_mutex_destroy(&p.mu);
out:
	free(p.slots);
	free(p.done);
	free(tids);
	free(wks);
	return rc;
}
