/*
** test_jobs.c: run 'casecheck test' over fixtures in worker processes.
** Worker W takes fixtures W, W+N, W+2N, ...; its stderr goes to a temporary
** file so that what each fixture printed there travels with its record.
** A record is a frame: [payload length][index][payload], the payload being
** the strings (length-prefixed; SIZE_MAX for NULL), the numbers and the two
** string lists. The parent polls the pipes and emits records in order.
*/
#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#include "test_jobs.h"


void test_rec_free(struct test_rec *rec)
{
	size_t i;

	for (i = 0; i < TEST_S_COUNT; i++)
		free(rec->s[i]);
	cli_strv_free(&rec->cov);
	cli_strv_free(&rec->mism);
	memset(rec, 0, sizeof(*rec));
}

/* ---- frames ---- */

static void jobs_put_str(struct cli_buf *b, const char *s)
{
	size_t len = s ? strlen(s) : SIZE_MAX;

	cli_buf_put(b, &len, sizeof(len));
	if (s)
		cli_buf_put(b, s, len);
}

static void jobs_put_strv(struct cli_buf *b, const struct cli_strv *sv)
{
	size_t i;

	cli_buf_put(b, &sv->n, sizeof(sv->n));
	for (i = 0; i < sv->n; i++)
		jobs_put_str(b, sv->v[i]);
}

static void jobs_encode(struct cli_buf *b, size_t index, const struct test_rec *rec)
{
	size_t at = b->len, len, i;

	len = 0;
	cli_buf_put(b, &len, sizeof(len));
	cli_buf_put(b, &index, sizeof(index));
	for (i = 0; i < TEST_S_COUNT; i++)
		jobs_put_str(b, rec->s[i]);
	cli_buf_put(b, rec->n, sizeof(rec->n));
	jobs_put_strv(b, &rec->cov);
	jobs_put_strv(b, &rec->mism);
	if (!b->oom) {
		len = b->len - at - 2 * sizeof(size_t);
		memcpy(b->s + at, &len, sizeof(len));
	}
}

struct jobs_reader {
	const char *p, *end;
	int bad;
};

static char *jobs_get_str(struct jobs_reader *r)
{
	size_t len;
	char *s;

	if (r->bad || (size_t)(r->end - r->p) < sizeof(len)) {
		r->bad = 1;
		return NULL;
	}
	memcpy(&len, r->p, sizeof(len));
	r->p += sizeof(len);
	if (len == SIZE_MAX)
		return NULL;
	if ((size_t)(r->end - r->p) < len || !(s = malloc(len + 1))) {
		r->bad = 1;
		return NULL;
	}
	memcpy(s, r->p, len);
	s[len] = '\0';
	r->p += len;
	return s;
}

static void jobs_get_strv(struct jobs_reader *r, struct cli_strv *sv)
{
	size_t n, i;
	char *s;

	if (r->bad || (size_t)(r->end - r->p) < sizeof(n)) {
		r->bad = 1;
		return;
	}
	memcpy(&n, r->p, sizeof(n));
	r->p += sizeof(n);
	for (i = 0; i < n && !r->bad; i++) {
		s = jobs_get_str(r);
		if (cli_strv_push(sv, s ? s : "") != 0)
			r->bad = 1;
		free(s);
	}
}

static int jobs_decode(const char *p, size_t len, struct test_rec *rec)
{
	struct jobs_reader r;
	size_t i;

	r.p = p;
	r.end = p + len;
	r.bad = 0;
	for (i = 0; i < TEST_S_COUNT; i++)
		rec->s[i] = jobs_get_str(&r);
	if (!r.bad && (size_t)(r.end - r.p) >= sizeof(rec->n)) {
		memcpy(rec->n, r.p, sizeof(rec->n));
		r.p += sizeof(rec->n);
	} else {
		r.bad = 1;
	}
	jobs_get_strv(&r, &rec->cov);
	jobs_get_strv(&r, &rec->mism);
	return r.bad ? -1 : 0;
}

/* ---- workers ---- */

static int jobs_write_all(int fd, const char *p, size_t len)
{
	ssize_t n;

	while (len > 0) {
		n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* What fd 2 got since offset FROM, as a new string (NULL when nothing). */
static char *jobs_stderr_since(off_t from)
{
	off_t to;
	char *s;
	ssize_t got;

	fflush(stderr);
	to = lseek(2, 0, SEEK_CUR);
	if (to <= from)
		return NULL;
	s = malloc((size_t)(to - from) + 1);
	if (!s)
		return NULL;
	got = pread(2, s, (size_t)(to - from), from);
	s[got > 0 ? got : 0] = '\0';
	return s;
}

static void jobs_worker(int fd, size_t w, size_t n, int jobs, test_job_fn fn, void *ctx)
{
	struct cli_buf b = { NULL, 0, 0, 0 };
	struct test_rec rec;
	FILE *err = tmpfile();
	off_t from;
	size_t i;

	if (!err || dup2(fileno(err), 2) < 0)
		_exit(70);
	for (i = w; i < n; i += (size_t)jobs) {
		memset(&rec, 0, sizeof(rec));
		fflush(stderr);
		from = lseek(2, 0, SEEK_CUR);
		fn(ctx, i, &rec);
		rec.s[TEST_S_ERR] = jobs_stderr_since(from);
		b.len = 0;
		jobs_encode(&b, i, &rec);
		test_rec_free(&rec);
		if (b.oom || jobs_write_all(fd, b.s, b.len) != 0)
			_exit(71);
	}
	free(b.s);
	_exit(0);
}

/* ---- the parent ---- */

/* Take every complete frame off the front of B into RECS. -1 on a bad frame. */
static int jobs_take(struct cli_buf *b, size_t n, struct test_rec *recs)
{
	size_t off = 0, len, index;

	while (b->len - off >= 2 * sizeof(size_t)) {
		memcpy(&len, b->s + off, sizeof(len));
		memcpy(&index, b->s + off + sizeof(len), sizeof(index));
		if (b->len - off - 2 * sizeof(size_t) < len)
			break;
		if (index >= n || recs[index].done ||
		    jobs_decode(b->s + off + 2 * sizeof(size_t), len, &recs[index]) != 0)
			return -1;
		recs[index].done = 1;
		off += 2 * sizeof(size_t) + len;
	}
	memmove(b->s, b->s + off, b->len - off);
	b->len -= off;
	return 0;
}

static void jobs_emit_ready(size_t n, struct test_rec *recs, size_t *next, test_emit_fn emit,
			    void *ctx)
{
	while (*next < n && recs[*next].done) {
		emit(ctx, *next, &recs[*next]);
		(*next)++;
	}
}

int test_jobs_run(size_t n, int jobs, struct casecheck_engine *engine, test_job_fn fn,
		  test_emit_fn emit, void *ctx, struct test_rec *recs)
{
	struct pollfd *pfd;
	struct cli_buf *bufs;
	pid_t *pids;
	size_t i, next = 0, open_n = 0;
	char chunk[65536];
	int rc = 0, fds[2], status;
	ssize_t got;

	if (jobs < 1)
		jobs = 1;
	if ((size_t)jobs > n)
		jobs = n ? (int)n : 1;
	if (jobs == 1) {
		for (i = 0; i < n; i++) {
			fn(ctx, i, &recs[i]);
			recs[i].done = 1;
			emit(ctx, i, &recs[i]);
		}
		return 0;
	}
	pfd = calloc((size_t)jobs, sizeof(*pfd));
	bufs = calloc((size_t)jobs, sizeof(*bufs));
	pids = calloc((size_t)jobs, sizeof(*pids));
	if (!pfd || !bufs || !pids) {
		free(pfd);
		free(bufs);
		free(pids);
		return -1;
	}
	fflush(NULL);
	/* no thread may be running across fork(): see casecheck_engine_fork_prepare */
	casecheck_engine_fork_prepare(engine);
	for (i = 0; i < (size_t)jobs; i++) {
		pfd[i].fd = -1;
		pids[i] = -1;
		if (pipe(fds) != 0) {
			rc = -1;
			continue;
		}
		pids[i] = fork();
		if (pids[i] == 0) {
			size_t k;

			close(fds[0]);
			for (k = 0; k < i; k++)
				if (pfd[k].fd >= 0)
					close(pfd[k].fd);
			if (casecheck_engine_fork_done(engine) != 0)
				_exit(72);
			jobs_worker(fds[1], i, n, jobs, fn, ctx);
		}
		close(fds[1]);
		if (pids[i] < 0) {
			close(fds[0]);
			rc = -1;
			continue;
		}
		pfd[i].fd = fds[0];
		pfd[i].events = POLLIN;
		open_n++;
	}
	if (casecheck_engine_fork_done(engine) != 0)
		rc = -1;
	while (open_n > 0) {
		if (poll(pfd, (nfds_t)jobs, -1) < 0) {
			if (errno == EINTR)
				continue;
			rc = -1;
			break;
		}
		for (i = 0; i < (size_t)jobs; i++) {
			if (pfd[i].fd < 0 || !(pfd[i].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			got = read(pfd[i].fd, chunk, sizeof(chunk));
			if (got < 0 && errno == EINTR)
				continue;
			if (got > 0) {
				cli_buf_put(&bufs[i], chunk, (size_t)got);
				if (bufs[i].oom || jobs_take(&bufs[i], n, recs) != 0)
					rc = -1;
				jobs_emit_ready(n, recs, &next, emit, ctx);
				continue;
			}
			close(pfd[i].fd);
			pfd[i].fd = -1;
			open_n--;
		}
	}
	for (i = 0; i < (size_t)jobs; i++) {
		if (pfd[i].fd >= 0)
			close(pfd[i].fd);
		if (pids[i] > 0) {
			while (waitpid(pids[i], &status, 0) < 0 && errno == EINTR)
				;
			if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
				rc = -1;
		}
		free(bufs[i].s);
	}
	/* what a dead worker never sent */
	for (i = 0; i < n; i++) {
		if (recs[i].done)
			continue;
		recs[i].n[TEST_N_OUTCOME] = TEST_FAILED;
		recs[i].n[TEST_N_RC] = CLI_EXIT_POLICY;
		recs[i].s[TEST_S_REASON] = strdup("worker died");
		recs[i].done = 1;
		rc = -1;
	}
	jobs_emit_ready(n, recs, &next, emit, ctx);
	free(pfd);
	free(bufs);
	free(pids);
	return rc;
}
