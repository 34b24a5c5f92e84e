/*
** scenario.c: reading a scenario file (casecheck/scenario@1, docs/exercise.md)
** and checking everything in it before a trainee sees it: its fields, its
** case (the library's fixture loader), and every decision (added to a copy
** of the case through the library's case builder).
*/
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "error.h"
#include "exercise.h"

static const char *const scenario_keys[] = {
	"format", "id", "title", "briefing", "policy", "start", "end", "matter", "case",
	"decisions", "debrief", NULL
};
static const char *const decision_keys[] = { "id", "type", "prompt", "fields", "choose", NULL };
static const char *const debrief_keys[] = { "summary", "steps", "unscored", NULL };

#ifdef __GNUC__
__attribute__((format(printf, 4, 5)))
#endif
static void bad(struct casecheck_errors *errs, const char *file, const char *path,
		const char *fmt, ...)
{
	char text[sizeof(errs->items[0].text)];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	/* the library's own error list: one way to grow it */
	errors_addf(errs, CASECHECK_E_INPUT, file, path, 0, 0, "%s", text);
}

int exercise_is_day(const char *s)
{
	static const char shape[] = "dddd-dd-dd";
	size_t i;

	if (!s || strlen(s) != 10)
		return 0;
	for (i = 0; i < 10; i++)
		if (shape[i] == 'd' ? (s[i] < '0' || s[i] > '9') : s[i] != '-')
			return 0;
	return 1;
}

static void check_keys(struct casecheck_errors *errs, const char *file, const char *where,
		       json_t *obj, const char *const *allowed)
{
	const char *key;
	json_t *v;

	json_object_foreach(obj, key, v) {
		const char *const *a;
		char path[256], list[400];
		size_t len = 0;

		for (a = allowed; *a; a++)
			if (strcmp(*a, key) == 0)
				break;
		if (*a)
			continue;
		list[0] = '\0';
		for (a = allowed; *a; a++)
			len += (size_t)snprintf(list + len, sizeof(list) - len, "%s%s", len ? ", " : "", *a);
		snprintf(path, sizeof(path), "%s/%s", where, key);
		bad(errs, file, path, "unknown field '%s' (expected one of %s)", key, list);
	}
}

/* A required (or optional) string field: a new copy, or NULL. */
static char *take_string(struct casecheck_errors *errs, const char *file, const char *where,
			 json_t *obj, const char *key, int required)
{
	json_t *v = json_object_get(obj, key);
	char path[256];
	char *s;

	snprintf(path, sizeof(path), "%s/%s", where, key);
	if (!v) {
		if (required)
			bad(errs, file, where, "missing required field '%s'", key);
		return NULL;
	}
	if (!json_is_string(v) || json_string_length(v) == 0) {
		bad(errs, file, path, "expected a non-empty string");
		return NULL;
	}
	s = strdup(json_string_value(v));
	if (!s)
		bad(errs, file, path, "out of memory");
	return s;
}

/* Fill the event builder EV from decision D (fixed fields, the matter, CHOICE). */
static int decision_fields(struct casecheck_event_builder *ev, const struct exercise_decision *d,
			   const char *matter)
{
	const char *key;
	json_t *v;
	int rc = 0;

	if (!json_object_get(d->fields, "re"))
		rc |= casecheck_event_builder_set(ev, "re", matter);
	json_object_foreach(d->fields, key, v) {
		size_t i;
		json_t *x;

		if (json_is_string(v))
			rc |= casecheck_event_builder_set(ev, key, json_string_value(v));
		else if (json_is_boolean(v))
			rc |= casecheck_event_builder_set_bool(ev, key, json_is_true(v));
		else if (json_is_array(v)) {
			json_array_foreach(v, i, x)
				rc |= casecheck_event_builder_append(ev, key, json_string_value(x));
		}
	}
	return rc;
}

struct casecheck_event_builder *exercise_decision_event(const struct exercise_decision *d,
							const char *matter, const char *id,
							const char *date, const char *choice)
{
	struct casecheck_event_builder *ev = casecheck_event_builder_new(d->type, id, date);

	if (!ev)
		return NULL;
	if (decision_fields(ev, d, matter) != 0 ||
	    (d->choose && choice && casecheck_event_builder_set(ev, d->choose, choice) != 0)) {
		casecheck_event_builder_free(ev);
		return NULL;
	}
	return ev;
}

static void load_decisions(struct exercise_scenario *sc, json_t *list,
			   const struct casecheck_policy *policy, struct casecheck_case *base,
			   struct casecheck_errors *errs)
{
	size_t i, j;
	json_t *obj;

	if (!json_is_array(list) || json_array_size(list) == 0) {
		bad(errs, sc->file, "/decisions", "expected a non-empty array of decisions");
		return;
	}
	sc->decisions = calloc(json_array_size(list), sizeof(*sc->decisions));
	if (!sc->decisions)
		return;
	json_array_foreach(list, i, obj) {
		struct exercise_decision *d = &sc->decisions[sc->n_decisions];
		struct casecheck_field_info fi;
		struct casecheck_event_type_info ti;
		struct casecheck_event_builder *ev;
		struct casecheck_case *trial;
		char where[64];
		json_t *fields;
		size_t before = errs->count;

		snprintf(where, sizeof(where), "/decisions/%zu", i);
		if (!json_is_object(obj)) {
			bad(errs, sc->file, where, "expected an object");
			continue;
		}
		sc->n_decisions++;
		check_keys(errs, sc->file, where, obj, decision_keys);
		d->id = take_string(errs, sc->file, where, obj, "id", 1);
		d->type = take_string(errs, sc->file, where, obj, "type", 1);
		d->prompt = take_string(errs, sc->file, where, obj, "prompt", 1);
		d->choose = take_string(errs, sc->file, where, obj, "choose", 0);
		fields = json_object_get(obj, "fields");
		d->fields = fields ? json_deep_copy(fields) : json_object();
		if (!json_is_object(d->fields)) {
			bad(errs, sc->file, where, "'fields' must be an object of event fields");
			continue;
		}
		for (j = 0; d->id && j + 1 < sc->n_decisions; j++)
			if (sc->decisions[j].id && strcmp(sc->decisions[j].id, d->id) == 0)
				bad(errs, sc->file, where, "duplicate decision id '%s'", d->id);
		if (!d->type || errs->count > before)
			continue;
		/*
		** Once, on a copy: a type or field the vocabulary refuses fails
		** now, in the loader's words (with its did-you-mean).
		*/
		trial = casecheck_case_copy(base, errs);
		ev = exercise_decision_event(d, sc->matter, "scenario-check", sc->start, NULL);
		if (trial && ev && casecheck_case_add_event(trial, ev, errs) != 0) {
			for (j = before; j < errs->count; j++) {
				char text[sizeof(errs->items[j].text)];

				snprintf(text, sizeof(text), "%s", errs->items[j].text);
				snprintf(errs->items[j].source, sizeof(errs->items[j].source), "%s", sc->file);
				snprintf(errs->items[j].path, sizeof(errs->items[j].path), "%s", where);
				snprintf(errs->items[j].text, sizeof(errs->items[j].text),
					 "decision '%.64s': %.680s", d->id, text);
			}
		}
		/* the trainee's menu of choices comes from the vocabulary */
		if (d->choose && errs->count == before &&
		    casecheck_vocab_type_find(policy, d->type, &ti) >= 0) {
			for (j = 0; casecheck_vocab_field(policy, d->type, j, &fi) == 0; j++)
				if (strcmp(fi.name, d->choose) == 0)
					break;
			if (casecheck_vocab_field(policy, d->type, j, &fi) != 0 ||
			    fi.type != CASECHECK_VALUE_ENUM)
				bad(errs, sc->file, where,
				    "'choose' must name a field of %s with a fixed list of values", d->type);
			else
				d->choices = fi.values;
		}
		casecheck_event_builder_free(ev);
		casecheck_case_free(trial);
	}
}

int exercise_scenario_load(struct exercise_scenario *sc, const char *path,
			   struct casecheck_engine *engine, const char *search_path,
			   struct casecheck_errors *errs)
{
	size_t before = errs->count;
	json_error_t jerr;
	json_t *root, *x;
	struct casecheck_policy *policy = NULL;
	struct casecheck_case *base = NULL;
	struct casecheck_error err;
	char *policy_file = NULL;

	memset(sc, 0, sizeof(*sc));
	sc->file = strdup(path);
	if (!sc->file)
		return -1;
	root = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr);
	if (!root) {
		bad(errs, path, "", "%s (line %d, column %d)", jerr.text, jerr.line, jerr.column);
		return -1;
	}
	if (!json_is_object(root)) {
		bad(errs, path, "", "expected an object (a %s scenario)", EXERCISE_SCENARIO_FORMAT);
		json_decref(root);
		return -1;
	}
	check_keys(errs, path, "", root, scenario_keys);
	x = json_object_get(root, "format");
	if (!json_is_string(x) || strcmp(json_string_value(x), EXERCISE_SCENARIO_FORMAT) != 0)
		bad(errs, path, "/format", "expected \"%s\"", EXERCISE_SCENARIO_FORMAT);
	sc->id = take_string(errs, path, "", root, "id", 1);
	sc->title = take_string(errs, path, "", root, "title", 1);
	sc->briefing = take_string(errs, path, "", root, "briefing", 1);
	sc->start = take_string(errs, path, "", root, "start", 1);
	sc->end = take_string(errs, path, "", root, "end", 1);
	sc->matter = take_string(errs, path, "", root, "matter", 1);
	if (sc->start && !exercise_is_day(sc->start))
		bad(errs, path, "/start", "expected a date YYYY-MM-DD");
	if (sc->end && !exercise_is_day(sc->end))
		bad(errs, path, "/end", "expected a date YYYY-MM-DD");
	if (sc->start && sc->end && strcmp(sc->start, sc->end) > 0)
		bad(errs, path, "/end", "the end %s is before the start %s", sc->end, sc->start);
	x = json_object_get(root, "debrief");
	if (x && !json_is_object(x)) {
		bad(errs, path, "/debrief", "expected an object {summary, steps}");
	} else if (x) {
		check_keys(errs, path, "/debrief", x, debrief_keys);
		sc->summary = take_string(errs, path, "/debrief", x, "summary", 0);
		sc->advice = json_object_get(x, "steps");
		if (sc->advice && !json_is_object(sc->advice))
			bad(errs, path, "/debrief/steps", "expected an object of step id -> text");
		else if (sc->advice)
			json_incref(sc->advice);
		sc->unscored = json_object_get(x, "unscored");
		if (sc->unscored && !json_is_array(sc->unscored))
			bad(errs, path, "/debrief/unscored", "expected an array of step ids");
		else if (sc->unscored)
			json_incref(sc->unscored);
	}
	x = json_object_get(root, "case");
	if (!json_is_object(x)) {
		bad(errs, path, "/case", "expected the case, a %s fixture object", CASECHECK_CASE_FORMAT);
		goto out;
	}
	sc->policy = take_string(errs, path, "", root, "policy", 0);
	if (!sc->policy && json_is_string(json_object_get(x, "policy")))
		sc->policy = strdup(json_string_value(json_object_get(x, "policy")));
	if (!sc->policy) {
		bad(errs, path, "", "missing required field 'policy' (in the scenario or its case)");
		goto out;
	}
	sc->case_text = json_dumps(x, JSON_COMPACT | JSON_PRESERVE_ORDER);
	policy_file = casecheck_policy_find(sc->policy, search_path, &err);
	if (!policy_file || !(policy = casecheck_policy_load_file(engine, policy_file, NULL, &err))) {
		bad(errs, path, "/policy", "%s", err.text);
		goto out;
	}
	{
		char name[600];

		snprintf(name, sizeof(name), "%s#/case", path);
		base = casecheck_case_load_buffer(engine, sc->case_text, strlen(sc->case_text), name,
						  policy, errs);
	}
	if (!base)
		goto out;
	if (sc->matter && !casecheck_case_matter_date(base, sc->matter))
		bad(errs, path, "/matter", "'%s' is not an allegation of the case", sc->matter);
	load_decisions(sc, json_object_get(root, "decisions"), policy, base, errs);
out:
	casecheck_case_free(base);
	casecheck_policy_free(policy);
	free(policy_file);
	json_decref(root);
	return errs->count > before ? -1 : 0;
}

void exercise_scenario_free(struct exercise_scenario *sc)
{
	size_t i;

	for (i = 0; i < sc->n_decisions; i++) {
		free(sc->decisions[i].id);
		free(sc->decisions[i].type);
		free(sc->decisions[i].prompt);
		free(sc->decisions[i].choose);
		json_decref(sc->decisions[i].fields);
	}
	free(sc->decisions);
	free(sc->file);
	free(sc->id);
	free(sc->title);
	free(sc->briefing);
	free(sc->policy);
	free(sc->start);
	free(sc->end);
	free(sc->matter);
	free(sc->case_text);
	free(sc->summary);
	json_decref(sc->advice);
	json_decref(sc->unscored);
	memset(sc, 0, sizeof(*sc));
}
