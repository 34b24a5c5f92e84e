/*
** play.c: one trainee's run of a scenario, replayed from their decisions on
** every request (the page holds the decisions; the server holds nothing per
** trainee). Everything goes through the public API: the scenario's case is
** copied, each decision added as an event by the case builder (so a bad
** value gets the loader's message), the copy evaluated as of the clock under
** the engine's budgets, and what is open read with casecheck_open_duties.
*/
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "date.h"
#include "exercise.h"

#define TRAINEE_PREFIX "trainee-"

struct worker_policy {
	const char *name;		/* the scenario's (borrowed) */
	struct casecheck_policy *policy;
};

struct exercise_worker {
	struct casecheck_engine *engine;
	const struct exercise_scenario *scenarios;
	size_t n;
	struct worker_policy *policies;	/* one per scenario, shared by name */
	struct casecheck_case **cases;	/* each scenario's case, read-only */
};

void exercise_reply_error(struct exercise_reply *reply, int status, const char *fmt, ...)
{
	char text[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	json_decref(reply->body);
	reply->status = status;
	reply->body = json_pack("{s:s}", "error", text);
}

void exercise_worker_free(struct exercise_worker *w)
{
	size_t i;

	if (!w)
		return;
	for (i = 0; w->cases && i < w->n; i++)
		casecheck_case_free(w->cases[i]);
	free(w->cases);
	free(w->policies);
	casecheck_engine_free(w->engine);	/* and its policies */
	free(w);
}

struct exercise_worker *exercise_worker_new(const struct exercise_scenario *scenarios, size_t n,
					    const char *search_path,
					    const struct casecheck_limits *limits,
					    struct casecheck_error *err)
{
	struct exercise_worker *w = calloc(1, sizeof(*w));
	struct casecheck_errors errs = { 0 };
	size_t i, j;

	if (!w || !(w->policies = calloc(n + 1, sizeof(*w->policies))) ||
	    !(w->cases = calloc(n + 1, sizeof(*w->cases)))) {
		exercise_worker_free(w);
		snprintf(err->text, sizeof(err->text), "out of memory");
		return NULL;
	}
	w->scenarios = scenarios;
	w->n = n;
	w->engine = casecheck_engine_new(limits, err);
	if (!w->engine)
		goto fail;
	casecheck_engine_set_hashes(w->engine, 0);
	for (i = 0; i < n; i++) {
		const struct exercise_scenario *sc = &scenarios[i];

		w->policies[i].name = sc->policy;
		for (j = 0; j < i; j++)
			if (strcmp(w->policies[j].name, sc->policy) == 0)
				w->policies[i].policy = w->policies[j].policy;
		if (!w->policies[i].policy) {
			char *file = casecheck_policy_find(sc->policy, search_path, err);

			if (!file)
				goto fail;
			w->policies[i].policy = casecheck_policy_load_file(w->engine, file, NULL, err);
			free(file);
			if (!w->policies[i].policy)
				goto fail;
		}
		w->cases[i] = casecheck_case_load_buffer(w->engine, sc->case_text,
							 strlen(sc->case_text), sc->file,
							 w->policies[i].policy, &errs);
		if (!w->cases[i]) {
			if (errs.count)
				*err = errs.items[0];
			casecheck_errors_free(&errs);
			goto fail;
		}
	}
	return w;
fail:
	exercise_worker_free(w);
	return NULL;
}

/* {========== the reply ========== */

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static const struct exercise_decision *find_decision(const struct exercise_scenario *sc,
						     const char *id)
{
	size_t i;

	for (i = 0; i < sc->n_decisions; i++)
		if (strcmp(sc->decisions[i].id, id) == 0)
			return &sc->decisions[i];
	return NULL;
}

/* The events a trainee can see: those on or before the clock. */
static json_t *timeline(const struct casecheck_case *kase, const struct casecheck_policy *policy,
			const char *clock)
{
	json_t *list = json_array();
	size_t i;

	for (i = 0; i < casecheck_case_event_count(kase); i++) {
		struct casecheck_event ev;
		struct casecheck_event_type_info ti;

		if (casecheck_case_event(kase, i, &ev) != 0 || strncmp(ev.date, clock, strlen(ev.date)) > 0)
			continue;
		if (casecheck_vocab_type_find(policy, ev.type, &ti) < 0)
			ti.description = NULL;
		json_array_append_new(list, json_pack("{s:s,s:s,s:s,s:o,s:o,s:o,s:b}",
			"id", ev.id, "date", ev.date, "type", ev.type,
			"description", str_or_null(ti.description),
			"by", str_or_null(ev.by), "re", str_or_null(ev.re),
			"trainee", strncmp(ev.id, TRAINEE_PREFIX, strlen(TRAINEE_PREFIX)) == 0));
	}
	return list;
}

/* Only the scenario's matter is the trainee's: earlier matters are history. */
static int is_matter(const struct exercise_scenario *sc, const char *re)
{
	return re && strcmp(re, sc->matter) == 0;
}

static int is_unscored(const struct exercise_scenario *sc, const char *step)
{
	size_t i;
	json_t *x;

	json_array_foreach(sc->unscored, i, x)
		if (json_is_string(x) && strcmp(json_string_value(x), step) == 0)
			return 1;
	return 0;
}

static json_t *due_list(struct exercise_worker *w, const struct exercise_scenario *sc,
			const struct casecheck_result *r)
{
	struct casecheck_error err;
	struct casecheck_open_duty *d;
	size_t n, i;
	json_t *list = json_array();

	d = casecheck_open_duties(w->engine, r, &n, &err);
	for (i = 0; d && i < n; i++) {
		char lo[16], hi[16];

		if (!is_matter(sc, d[i].re))
			continue;
		date_format_iso(d[i].due_lo, lo, sizeof(lo));	/* date.c's one ISO formatter */
		date_format_iso(d[i].due_hi, hi, sizeof(hi));
		json_array_append_new(list, json_pack("{s:s,s:o,s:o,s:s,s:s,s:s,s:s,s:o,s:I,s:o,s:o,s:o,s:o}",
			"step", d[i].step, "title", str_or_null(d[i].title), "re", str_or_null(d[i].re),
			"status", casecheck_status_name(d[i].status), "due", d[i].due,
			"due_from", lo, "due_by", hi,
			"working_days_left", d[i].has_working_days_left ?
				json_integer(d[i].working_days_left) : json_null(),
			"days_left", (json_int_t)d[i].days_left,
			"cite", str_or_null(d[i].cite), "duty", str_or_null(d[i].duty),
			"deadline_basis", str_or_null(d[i].deadline_basis),
			"message", str_or_null(d[i].message)));
	}
	free(d);
	return list;
}

/* Points of a finding in the debrief: in time 2, late 1, failed 0; others not scored. */
static int points_of(enum casecheck_status s, int *max)
{
	*max = 2;
	switch (s) {
	case CASECHECK_PASS: return 2;
	case CASECHECK_LATE: return 1;
	case CASECHECK_FAIL: return 0;
	default: *max = 0; return 0;
	}
}

/* The trainee decision among F's evidence, if any ("trainee-3" -> its decision id). */
static const char *trainee_evidence(const struct casecheck_finding *f)
{
	size_t i;

	for (i = 0; i < f->n_evidence; i++)
		if (strncmp(f->evidence[i], TRAINEE_PREFIX, strlen(TRAINEE_PREFIX)) == 0)
			return f->evidence[i];
	return NULL;
}

static json_t *findings(const struct casecheck_result *r, const struct exercise_scenario *sc,
			int final, long *points, long *max)
{
	json_t *list = json_array();
	size_t i;

	*points = *max = 0;
	for (i = 0; i < casecheck_result_count(r); i++) {
		const struct casecheck_finding *f = casecheck_result_finding(r, i);
		json_t *advice = sc->advice ? json_object_get(sc->advice, f->step) : NULL;
		int m, p = points_of(f->status, &m);

		if (f->status == CASECHECK_NOT_APPLICABLE || !is_matter(sc, f->re))
			continue;
		if (is_unscored(sc, f->step))
			p = m = 0;
		*points += p;
		*max += m;
		json_array_append_new(list, json_pack("{s:s,s:o,s:o,s:s,s:o,s:o,s:o,s:o,s:o,s:o,s:i,s:i,s:o}",
			"step", f->step, "title", str_or_null(f->title), "re", str_or_null(f->re),
			"status", casecheck_status_name(f->status), "regime", str_or_null(f->regime),
			"cite", str_or_null(f->cite), "due", str_or_null(f->due),
			"done", str_or_null(f->done),
			"days_late", f->has_days_late ? json_integer(f->days_late) : json_null(),
			"evidence", str_or_null(trainee_evidence(f)),
			"points", p, "max", m,
			"advice", final && json_is_string(advice) ? json_copy(advice) : json_null()));
		json_object_set_new(json_array_get(list, json_array_size(list) - 1), "message",
				    str_or_null(f->message));
	}
	return list;
}

/* }========== */

void exercise_play(struct exercise_worker *w, size_t i, const json_t *request, int final,
		   struct exercise_reply *reply)
{
	const struct exercise_scenario *sc = &w->scenarios[i];
	const struct casecheck_policy *policy = w->policies[i].policy;
	struct casecheck_errors errs = { 0 };
	struct casecheck_error err;
	struct casecheck_case *kase;
	struct casecheck_result *r = NULL;
	const json_t *decisions = json_object_get(request, "decisions");
	const json_t *req_clock = json_object_get(request, "clock");
	const json_t *x;
	char clock[16], last_id[32] = "";
	size_t k;
	long points, max;
	json_t *body, *list;

	reply->status = 200;
	reply->body = NULL;
	snprintf(clock, sizeof(clock), "%s", sc->start);
	kase = casecheck_case_copy(w->cases[i], &errs);
	if (!kase) {
		exercise_reply_error(reply, 500, "out of memory");
		goto out;
	}
	json_array_foreach(decisions, k, x) {
		const char *id = json_string_value(json_object_get(x, "decision"));
		const char *date = json_string_value(json_object_get(x, "date"));
		const char *choice = json_string_value(json_object_get(x, "choice"));
		const char *note = json_string_value(json_object_get(x, "note"));
		const struct exercise_decision *d = find_decision(sc, id);
		struct casecheck_event_builder *ev;
		int rc;

		if (!d) {
			exercise_reply_error(reply, 400, "decision %zu: unknown decision '%s' in scenario '%s'",
					     k + 1, id, sc->id);
			goto out;
		}
		if (strcmp(date, clock) < 0 || strcmp(date, sc->end) > 0) {
			exercise_reply_error(reply, 400,
					     "decision %zu: date %s is outside %s to %s (the clock does not go back, and the scenario ends on %s)",
					     k + 1, date, clock, sc->end, sc->end);
			goto out;
		}
		if (d->choose) {
			const char *const *c;

			for (c = d->choices; choice && *c; c++)
				if (strcmp(*c, choice) == 0)
					break;
			if (!choice || !*c) {
				exercise_reply_error(reply, 400, "decision %zu: '%s' needs a choice of %s",
						     k + 1, d->id, d->choose);
				goto out;
			}
		} else if (choice) {
			exercise_reply_error(reply, 400, "decision %zu: '%s' takes no choice", k + 1, d->id);
			goto out;
		}
		snprintf(last_id, sizeof(last_id), TRAINEE_PREFIX "%zu", k + 1);
		ev = exercise_decision_event(d, sc->matter, last_id, date, choice);
		if (ev && note)
			casecheck_event_builder_set(ev, "note", note);
		rc = ev ? casecheck_case_add_event(kase, ev, &errs) : -1;
		casecheck_event_builder_free(ev);
		if (rc != 0) {
			/* the loader's own words (an impossible date, ...), without the JSON path */
			exercise_reply_error(reply, 400, "decision %zu: %s", k + 1,
					     errs.count ? errs.items[0].text : "out of memory");
			goto out;
		}
		snprintf(clock, sizeof(clock), "%s", date);
	}
	if (req_clock) {
		const char *c = json_string_value(req_clock);

		if (strcmp(c, clock) < 0 || strcmp(c, sc->end) > 0) {
			exercise_reply_error(reply, 400, "clock %s is outside %s to %s", c, clock, sc->end);
			goto out;
		}
		snprintf(clock, sizeof(clock), "%s", c);
	}
	if (final)
		snprintf(clock, sizeof(clock), "%s", sc->end);
	r = casecheck_evaluate(w->engine, (struct casecheck_policy *)policy, kase, clock, &err);
	if (!r) {
		/* a date the library refuses (out of its calendar), or a budget */
		exercise_reply_error(reply, err.kind == CASECHECK_E_INPUT ? 400 : 503,
				     "cannot evaluate as of %s: %s", clock, err.text);
		goto out;
	}
	list = findings(r, sc, final, &points, &max);
	body = json_pack("{s:s,s:s,s:s,s:s,s:s,s:b,s:o,s:o,s:o}",
		"scenario", sc->id, "title", sc->title, "clock", clock, "start", sc->start,
		"end", sc->end, "final", final, "timeline", timeline(kase, policy, clock),
		"due", due_list(w, sc, r), "findings", list);
	if (body && last_id[0])
		json_object_set_new(body, "last", json_string(last_id));
	if (body && final)
		json_object_set_new(body, "debrief", json_pack("{s:I,s:I,s:I,s:o}",
			"points", (json_int_t)points, "max", (json_int_t)max,
			"score", (json_int_t)(max ? (points * 100 + max / 2) / max : 100),
			"summary", str_or_null(sc->summary)));
	if (!body) {
		exercise_reply_error(reply, 500, "out of memory");
		goto out;
	}
	reply->body = body;
out:
	casecheck_result_free(r);
	casecheck_case_free(kase);
	casecheck_errors_free(&errs);
}
