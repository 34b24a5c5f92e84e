/*
** server.c: the exercise's local web server (libmicrohttpd). It serves the
** page's files from one directory and a small JSON API:
**
**   GET  /                  the page (index.html)
**   GET  /static/NAME       a file of the page (NAME: [a-z0-9][a-z0-9._-]*)
**   GET  /api/scenarios     the scenarios, with their decisions
**   POST /api/play          {scenario, decisions, clock}: the run as of the clock
**   POST /api/finish        {scenario, decisions, trainee}: the debrief; the run is saved
**
** Every request is checked before it reaches the engine: method, size,
** fields, types, dates, scenario and decision ids, file names. A worker
** thread of the pool builds its own engine on its first request and keeps
** it (one engine per thread, as casecheck.h asks); each evaluation runs
** under the engine's budgets.
*/
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include "exercise.h"
#include "mhd.h"

#define MAX_BODY (64 * 1024)		/* a run of 64 decisions with notes fits */
#define MAX_STATIC (1024 * 1024)
#define MAX_TRAINEE 100

struct server {
	const struct exercise_scenario *scenarios;
	size_t n;
	const struct exercise_options *opts;
	pthread_key_t worker_key;	/* each pool thread's struct exercise_worker */
	struct mhd mhd;			/* libmicrohttpd, opened at start (mhd.h) */
};

/* What one request has sent so far. */
struct request {
	int post;
	char *body;
	size_t len;
	int too_big;
};

/* {========== replies ========== */

static enum MHD_Result send_text(const struct server *s, struct MHD_Connection *c, int status,
				 char *text, size_t len, const char *type)
{
	struct MHD_Response *resp;
	enum MHD_Result rc;

	resp = s->mhd.create_response_from_buffer(len, text, MHD_RESPMEM_MUST_FREE);
	if (!resp) {
		free(text);
		return MHD_NO;
	}
	s->mhd.add_response_header(resp, "Content-Type", type);
	s->mhd.add_response_header(resp, "Cache-Control", "no-store");
	s->mhd.add_response_header(resp, "X-Content-Type-Options", "nosniff");
	s->mhd.add_response_header(resp, "Content-Security-Policy",
				"default-src 'self'; img-src 'self' data:");
	rc = s->mhd.queue_response(c, (unsigned)status, resp);
	s->mhd.destroy_response(resp);
	return rc;
}

static enum MHD_Result send_reply(const struct server *s, struct MHD_Connection *c,
				  struct exercise_reply *reply)
{
	char *text = reply->body ? json_dumps(reply->body, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
	int status = reply->status;

	json_decref(reply->body);
	reply->body = NULL;
	if (!text) {
		text = strdup("{\"error\":\"out of memory\"}");
		status = 500;
		if (!text)
			return MHD_NO;
	}
	return send_text(s, c, status, text, strlen(text), "application/json; charset=utf-8");
}

static enum MHD_Result send_error(const struct server *s, struct MHD_Connection *c, int status,
				  const char *fmt, const char *arg)
{
	struct exercise_reply reply = { 0, NULL };

	exercise_reply_error(&reply, status, fmt, arg);
	return send_reply(s, c, &reply);
}

/* }========== */

/* {========== static files ========== */

static int static_name_ok(const char *name)
{
	const char *s;

	if (!((*name >= 'a' && *name <= 'z') || (*name >= '0' && *name <= '9')))
		return 0;
	for (s = name; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '.' ||
		      *s == '_' || *s == '-'))
			return 0;
	return strstr(name, "..") == NULL && s - name < 64;
}

static const char *content_type(const char *name)
{
	const char *dot = strrchr(name, '.');

	if (dot && strcmp(dot, ".html") == 0)
		return "text/html; charset=utf-8";
	if (dot && strcmp(dot, ".js") == 0)
		return "text/javascript; charset=utf-8";
	if (dot && strcmp(dot, ".css") == 0)
		return "text/css; charset=utf-8";
	if (dot && strcmp(dot, ".svg") == 0)
		return "image/svg+xml";
	return NULL;
}

static enum MHD_Result send_static(struct server *s, struct MHD_Connection *c, const char *name)
{
	char path[4096], *buf;
	const char *type = content_type(name);
	size_t len;
	FILE *f;

	if (!static_name_ok(name) || !type)
		return send_error(s, c, 404, "no such file '%s'", name);
	snprintf(path, sizeof(path), "%s/%s", s->opts->static_dir, name);
	f = fopen(path, "rb");
	if (!f)
		return send_error(s, c, 404, "no such file '%s'", name);
	buf = malloc(MAX_STATIC);
	len = buf ? fread(buf, 1, MAX_STATIC, f) : 0;
	fclose(f);
	if (!buf)
		return send_error(s, c, 500, "out of memory%s", "");
	return send_text(s, c, 200, buf, len, type);
}

/* }========== */

/* {========== the API ========== */

static struct exercise_worker *thread_worker(struct server *s, struct casecheck_error *err)
{
	struct exercise_worker *w = pthread_getspecific(s->worker_key);

	if (w)
		return w;
	w = exercise_worker_new(s->scenarios, s->n, s->opts->search_path, &s->opts->limits, err);
	if (w && pthread_setspecific(s->worker_key, w) != 0) {
		exercise_worker_free(w);
		w = NULL;
	}
	return w;
}

static void worker_destroy(void *w)
{
	exercise_worker_free(w);
}

static json_t *scenario_list(const struct server *s)
{
	json_t *list = json_array();
	size_t i, j;

	for (i = 0; i < s->n; i++) {
		const struct exercise_scenario *sc = &s->scenarios[i];
		json_t *ds = json_array();

		for (j = 0; j < sc->n_decisions; j++) {
			const struct exercise_decision *d = &sc->decisions[j];
			json_t *choices = json_null();
			const char *const *c;

			if (d->choices) {
				choices = json_array();
				for (c = d->choices; *c; c++)
					json_array_append_new(choices, json_string(*c));
			}
			json_array_append_new(ds, json_pack("{s:s,s:s,s:s,s:o,s:o}",
				"id", d->id, "type", d->type, "prompt", d->prompt,
				"choose", d->choose ? json_string(d->choose) : json_null(),
				"choices", choices));
		}
		json_array_append_new(list, json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:o}",
			"id", sc->id, "title", sc->title, "briefing", sc->briefing,
			"start", sc->start, "end", sc->end, "matter", sc->matter, "decisions", ds));
	}
	return json_pack("{s:o}", "scenarios", list);
}

/* KEY of OBJ must be one of ALLOWED; the first that is not, or NULL. */
static const char *unknown_key(const json_t *obj, const char *const *allowed)
{
	const char *key;
	json_t *v;

	json_object_foreach((json_t *)obj, key, v) {
		const char *const *a;

		for (a = allowed; *a; a++)
			if (strcmp(*a, key) == 0)
				break;
		if (!*a)
			return key;
	}
	return NULL;
}

/*
** Check a play or finish request's shape; on a fault fill REPLY and return
** -1. On success *INDEX is the scenario's.
*/
static int check_request(const struct server *s, const json_t *req, int final, size_t *index,
			 struct exercise_reply *reply)
{
	static const char *const keys[] = { "scenario", "decisions", "clock", "trainee", NULL };
	static const char *const dkeys[] = { "decision", "date", "choice", "note", NULL };
	const json_t *sc = json_object_get(req, "scenario"), *ds, *x, *v;
	const char *bad;
	size_t i;

	if (!json_is_object(req)) {
		exercise_reply_error(reply, 400, "expected a JSON object {scenario, decisions%s}",
				     final ? ", trainee" : ", clock");
		return -1;
	}
	if ((bad = unknown_key(req, keys))) {
		exercise_reply_error(reply, 400, "unknown field '%s' (expected scenario, decisions, clock, trainee)", bad);
		return -1;
	}
	if (!json_is_string(sc)) {
		exercise_reply_error(reply, 400, "'scenario' must be a scenario id (a string)");
		return -1;
	}
	for (i = 0; i < s->n; i++)
		if (strcmp(s->scenarios[i].id, json_string_value(sc)) == 0)
			break;
	if (i == s->n) {
		exercise_reply_error(reply, 404, "unknown scenario '%.100s'", json_string_value(sc));
		return -1;
	}
	*index = i;
	ds = json_object_get(req, "decisions");
	if (!json_is_array(ds)) {
		exercise_reply_error(reply, 400, "'decisions' must be an array (empty before the first)");
		return -1;
	}
	if (json_array_size(ds) > EXERCISE_MAX_DECISIONS) {
		exercise_reply_error(reply, 400, "too many decisions (%zu; at most %d)",
				     json_array_size(ds), EXERCISE_MAX_DECISIONS);
		return -1;
	}
	json_array_foreach(ds, i, x) {
		if (!json_is_object(x)) {
			exercise_reply_error(reply, 400, "decision %zu: expected an object {decision, date, choice, note}", i + 1);
			return -1;
		}
		if ((bad = unknown_key(x, dkeys))) {
			exercise_reply_error(reply, 400, "decision %zu: unknown field '%s' (expected decision, date, choice, note)",
					     i + 1, bad);
			return -1;
		}
		if (!json_is_string(json_object_get(x, "decision"))) {
			exercise_reply_error(reply, 400, "decision %zu: 'decision' must be a decision id", i + 1);
			return -1;
		}
		v = json_object_get(x, "date");
		if (!json_is_string(v) || !exercise_is_day(json_string_value(v))) {
			exercise_reply_error(reply, 400, "decision %zu: 'date' must be a date YYYY-MM-DD", i + 1);
			return -1;
		}
		v = json_object_get(x, "choice");
		if (v && !json_is_string(v)) {
			exercise_reply_error(reply, 400, "decision %zu: 'choice' must be a string", i + 1);
			return -1;
		}
		v = json_object_get(x, "note");
		if (v && (!json_is_string(v) || json_string_length(v) > EXERCISE_MAX_NOTE)) {
			exercise_reply_error(reply, 400, "decision %zu: 'note' must be a string of at most %d bytes",
					     i + 1, EXERCISE_MAX_NOTE);
			return -1;
		}
	}
	v = json_object_get(req, "clock");
	if (v && (!json_is_string(v) || !exercise_is_day(json_string_value(v)))) {
		exercise_reply_error(reply, 400, "'clock' must be a date YYYY-MM-DD");
		return -1;
	}
	v = json_object_get(req, "trainee");
	if (v && (!json_is_string(v) || json_string_length(v) > MAX_TRAINEE)) {
		exercise_reply_error(reply, 400, "'trainee' must be a name of at most %d bytes", MAX_TRAINEE);
		return -1;
	}
	return 0;
}

/* A run's name: 16 random hex digits (no clock, no counter shared between threads). */
static int run_id(char out[17])
{
	unsigned char b[8];
	FILE *f = fopen("/dev/urandom", "rb");
	size_t i;

	if (!f || fread(b, 1, sizeof(b), f) != sizeof(b)) {
		if (f)
			fclose(f);
		return -1;
	}
	fclose(f);
	for (i = 0; i < sizeof(b); i++)
		snprintf(out + 2 * i, 3, "%02x", b[i]);
	return 0;
}

static void finish_run(struct server *s, const json_t *req, struct exercise_reply *reply)
{
	char id[17];
	json_t *doc;
	const json_t *trainee = json_object_get(req, "trainee");

	if (run_id(id) != 0) {
		exercise_reply_error(reply, 500, "cannot name the run: %s", strerror(errno));
		return;
	}
	doc = json_pack("{s:s,s:s,s:O,s:O,s:O,s:O,s:O,s:O}",
		"format", EXERCISE_RUN_FORMAT, "run", id,
		"scenario", json_object_get(reply->body, "scenario"),
		"trainee", trainee ? (json_t *)trainee : json_null(),
		"decisions", json_object_get(req, "decisions"),
		"as_of", json_object_get(reply->body, "clock"),
		"findings", json_object_get(reply->body, "findings"),
		"debrief", json_object_get(reply->body, "debrief"));
	if (!doc || exercise_save_run(s->opts->results_dir, id, doc) != 0) {
		int e = errno;

		json_decref(doc);
		exercise_reply_error(reply, 500, "cannot save the run in %s: %s",
				     s->opts->results_dir, strerror(e));
		return;
	}
	json_decref(doc);
	json_object_set_new(reply->body, "run", json_string(id));
}

static enum MHD_Result api_post(struct server *s, struct MHD_Connection *c, const char *url,
				struct request *rq)
{
	struct exercise_reply reply = { 0, NULL };
	struct casecheck_error err;
	struct exercise_worker *w;
	json_error_t jerr;
	json_t *req;
	size_t i;
	int final = strcmp(url, "/api/finish") == 0;

	if (rq->too_big)
		return send_error(s, c, 413, "request body too large (at most 64 KiB)%s", "");
	req = json_loadb(rq->body ? rq->body : "", rq->len, JSON_REJECT_DUPLICATES, &jerr);
	if (!req) {
		exercise_reply_error(&reply, 400, "bad JSON at line %d, column %d: %s", jerr.line,
				     jerr.column, jerr.text);
		return send_reply(s, c, &reply);
	}
	if (check_request(s, req, final, &i, &reply) != 0) {
		json_decref(req);
		return send_reply(s, c, &reply);
	}
	w = thread_worker(s, &err);
	if (!w) {
		json_decref(req);
		return send_error(s, c, 503, "the exercise engine cannot start: %s", err.text);
	}
	exercise_play(w, i, req, final, &reply);
	if (final && reply.status == 200)
		finish_run(s, req, &reply);
	json_decref(req);
	return send_reply(s, c, &reply);
}

/* }========== */

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
				  const char *method, const char *version,
				  const char *upload, size_t *upload_size, void **state)
{
	struct server *s = cls;
	struct request *rq = *state;

	(void)version;
	if (!rq) {
		int post = strcmp(method, MHD_HTTP_METHOD_POST) == 0;

		if (!post && strcmp(method, MHD_HTTP_METHOD_GET) != 0 &&
		    strcmp(method, MHD_HTTP_METHOD_HEAD) != 0)
			return send_error(s, c, 405, "method %s not allowed (GET or POST)", method);
		rq = calloc(1, sizeof(*rq));
		if (!rq)
			return MHD_NO;
		rq->post = post;
		*state = rq;
		return MHD_YES;
	}
	if (*upload_size) {
		/* a body past the limit is read and dropped, then refused */
		if (!rq->post || rq->too_big || rq->len + *upload_size > MAX_BODY) {
			rq->too_big = 1;
			free(rq->body);
			rq->body = NULL;
		} else {
			char *b = realloc(rq->body, rq->len + *upload_size + 1);

			if (!b)
				return MHD_NO;
			memcpy(b + rq->len, upload, *upload_size);
			rq->body = b;
			rq->len += *upload_size;
		}
		*upload_size = 0;
		return MHD_YES;
	}
	if (rq->post) {
		if (strcmp(url, "/api/play") == 0 || strcmp(url, "/api/finish") == 0)
			return api_post(s, c, url, rq);
		return send_error(s, c, rq->too_big ? 413 : 404, "no such API '%.100s' (POST /api/play or /api/finish)", url);
	}
	if (rq->too_big || rq->len)
		return send_error(s, c, 400, "a GET request has no body%s", "");
	if (strcmp(url, "/") == 0)
		return send_static(s, c, "index.html");
	if (strncmp(url, "/static/", 8) == 0)
		return send_static(s, c, url + 8);
	if (strcmp(url, "/api/scenarios") == 0) {
		struct exercise_reply reply = { 200, scenario_list(s) };

		return send_reply(s, c, &reply);
	}
	return send_error(s, c, 404, "no such page '%.100s'", url);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **state,
			 enum MHD_RequestTerminationCode toe)
{
	struct request *rq = *state;

	(void)cls;
	(void)c;
	(void)toe;
	if (rq) {
		free(rq->body);
		free(rq);
		*state = NULL;
	}
}

int exercise_serve(const struct exercise_scenario *scenarios, size_t n,
		   const struct exercise_options *opts)
{
	struct server s;
	struct MHD_Daemon *d;
	struct sockaddr_in a4;
	struct sockaddr_in6 a6;
	struct sockaddr *addr;
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO;
	const union MHD_DaemonInfo *info;
	sigset_t set;
	int sig = 0;
	char why[512];

	memset(&s, 0, sizeof(s));
	s.scenarios = scenarios;
	s.n = n;
	s.opts = opts;
	memset(&a4, 0, sizeof(a4));
	memset(&a6, 0, sizeof(a6));
	if (inet_pton(AF_INET, opts->bind, &a4.sin_addr) == 1) {
		a4.sin_family = AF_INET;
		a4.sin_port = htons((unsigned short)opts->port);
		addr = (struct sockaddr *)&a4;
	} else if (inet_pton(AF_INET6, opts->bind, &a6.sin6_addr) == 1) {
		a6.sin6_family = AF_INET6;
		a6.sin6_port = htons((unsigned short)opts->port);
		addr = (struct sockaddr *)&a6;
		flags |= MHD_USE_IPv6;
	} else {
		fprintf(stderr, "casecheck exercise: bad --bind address '%s' (expected an IP address such as 127.0.0.1)\n",
			opts->bind);
		return 2;
	}
	if (mhd_open(&s.mhd, why, sizeof(why)) != 0) {
		fprintf(stderr, "casecheck exercise: %s\n", why);
		return 3;
	}
	if (pthread_key_create(&s.worker_key, worker_destroy) != 0) {
		fprintf(stderr, "casecheck exercise: cannot create thread keys\n");
		mhd_close(&s.mhd);
		return 3;
	}
	/* the pool's threads inherit this mask; only this thread takes the signals */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
	d = s.mhd.start_daemon(flags, (uint16_t)opts->port, NULL, NULL, on_request, &s,
			     MHD_OPTION_SOCK_ADDR, addr,
			     MHD_OPTION_THREAD_POOL_SIZE, (unsigned)opts->threads,
			     MHD_OPTION_CONNECTION_LIMIT, (unsigned)opts->max_connections,
			     MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30,
			     MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(128 * 1024),
			     MHD_OPTION_NOTIFY_COMPLETED, on_completed, &s,
			     MHD_OPTION_END);
	if (!d) {
		fprintf(stderr, "casecheck exercise: cannot listen on %s port %u: %s\n",
			opts->bind, opts->port, strerror(errno));
		pthread_key_delete(s.worker_key);
		mhd_close(&s.mhd);
		return 2;
	}
	info = s.mhd.get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	printf("casecheck exercise: %zu scenario%s at http://%s%s%s:%u/ (results in %s)\n", n,
	       n == 1 ? "" : "s", addr->sa_family == AF_INET6 ? "[" : "", opts->bind,
	       addr->sa_family == AF_INET6 ? "]" : "", info ? info->port : opts->port,
	       opts->results_dir);
	fflush(stdout);
	if (opts->seconds > 0) {
		struct timespec ts;

		ts.tv_sec = (time_t)opts->seconds;
		ts.tv_nsec = (long)((opts->seconds - (double)ts.tv_sec) * 1e9);
		sig = sigtimedwait(&set, NULL, &ts);
	} else {
		sigwait(&set, &sig);
	}
	(void)sig;
	s.mhd.stop_daemon(d);	/* joins the pool: each thread frees its engine */
	pthread_key_delete(s.worker_key);
	mhd_close(&s.mhd);
	printf("casecheck exercise: stopped\n");
	return 0;
}
