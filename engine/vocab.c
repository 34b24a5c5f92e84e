/*
** vocab.c: the event vocabulary of case-format.md as static const tables,
** and a copy-on-write vocabulary that policies extend with their own event
** types and fields. Which fields are required is decided here, per type.
*/
#include <stdlib.h>
#include <string.h>
#include "casecheck.h"
#include "strpool.h"
#include "vocab.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const char *const categories[] = {
	"serious_sexual_offence", "sexual_offence", "serious_assault", "assault",
	"domestic_abuse", "coercive_control", "harassment", "stalking",
	"indecent_exposure", "serious_corruption", "abuse_of_position_sexual_purpose",
	"discrimination", "dishonesty", "death_or_serious_injury", "relevant_offence",
	"other", NULL
};

static const char *const party_kinds[] = {
	"force", "psd", "line_manager", "investigator", "oversight", "victim",
	"reporter", "court", "policing_body", "college", "other", NULL
};

/*
** The order of enum casecheck_status: the one list of status names, for
** fixtures' expect blocks, casecheck_status_name and the engine's Lua
** (cc.statuses). The typedef fails to compile when the two lengths differ.
*/
static const char *const statuses[] = {
	"pass", "late", "fail", "pending", "not_applicable", "unknown", "error", NULL
};
typedef char vocab_statuses_match_enum[COUNT(statuses) - 1 == CASECHECK_STATUS_COUNT ? 1 : -1];

static const char *const nfa_reasons[] = {
	"evidential", "victim_withdrew", "public_interest", "other", NULL
};
static const char *const referral_bases[] = { "mandatory", "voluntary", "call_in", NULL };
static const char *const severity_outcomes[] = {
	"none", "practice_requiring_improvement", "misconduct", "gross_misconduct", NULL
};
static const char *const suspension_decisions[] = {
	"suspended", "restricted", "redeployed", "no_action", NULL
};
static const char *const case_outcomes[] = { "no_case", "misconduct", "gross_misconduct", NULL };
static const char *const closing_reasons[] = {
	"criminal_nfa", "no_case_to_answer", "proceedings_concluded", "management_action",
	"withdrawn", "other", NULL
};
static const char *const meeting_outcomes[] = {
	"no_action", "management_advice", "written_warning", "final_written_warning",
	"reduction_in_rank", "dismissal", NULL
};
static const char *const vetting_triggers[] = { "adverse_information", "renewal", "transfer", NULL };
static const char *const vetting_outcomes[] = { "cleared", "withdrawn", "pending", NULL };
static const char *const probation_outcomes[] = { "retained", "discharged", NULL };
/* PRA 2002 s.12: a complaint, a conduct matter (an indication of an offence or
** of behaviour justifying disciplinary proceedings), or neither. */
static const char *const route_outcomes[] = { "complaint", "conduct_matter", "no_indication", NULL };

static const struct vocab_field common_fields[] = {
	{ "id", VOCAB_STRING, NULL, 1, NULL },
	{ "date", VOCAB_DATE, NULL, 1, NULL },
	{ "type", VOCAB_STRING, NULL, 1, NULL },
	{ "note", VOCAB_STRING, NULL, 0, NULL },
	{ "source", VOCAB_STRING, NULL, 0, NULL },
	/* what the event assumes beyond its sources; findings resting on it show it */
	{ "assumption", VOCAB_STRING, NULL, 0, NULL },
};

/*
** Required fields. `re` is required on every type the format lists with it,
** because a step can only judge an event it can tie to a matter; except
** record_unlinked (step 13 reads one with no `re` as unlinking the subject
** from everything) and vetting_review (renewals are about no allegation).
** `by` is required where the steps ask who acted and a wrong answer changes
** the verdict: allegation_received (who received it decides steps 1 and 2),
** psd_referral and home_force_notified (steps 1 and 2), conduct_recorded (by
** the AA, step 3). Elsewhere a record often does not say who acted, so `by`
** is optional. `to` is required on psd_referral and home_force_notified (the
** awareness date depends on it) and optional on the rest. Outcomes, reasons
** and decisions are optional: a record may show that a decision was taken
** without saying what it was, and the steps treat a missing outcome as such.
*/
static const struct vocab_field f_by[] = {
	{ "by", VOCAB_PARTY, NULL, 0, NULL },
};
static const struct vocab_field f_by_re[] = {
	{ "by", VOCAB_PARTY, NULL, 0, NULL },
	{ "re", VOCAB_MATTER, NULL, 1, NULL },
};
static const struct vocab_field f_by_to[] = {
	{ "by", VOCAB_PARTY, NULL, 0, NULL },
	{ "to", VOCAB_PARTY, NULL, 0, NULL },
};
static const struct vocab_field f_allegation[] = {
	{ "by", VOCAB_PARTY, NULL, 1, NULL },
	{ "categories", VOCAB_CATEGORIES, NULL, 1, NULL },
	/* categories the sources leave open (a categorisation judgment) */
	{ "possible_categories", VOCAB_CATEGORIES, NULL, 0, NULL },
	{ "on_duty", VOCAB_BOOL, NULL, 0, NULL },
	{ "victim", VOCAB_PARTY, NULL, 0, NULL },
	{ "reporter", VOCAB_PARTY, NULL, 0, NULL },
};
static const struct vocab_field f_referral[] = {
	{ "by", VOCAB_PARTY, NULL, 1, NULL },
	{ "to", VOCAB_PARTY, NULL, 1, NULL },
	{ "re", VOCAB_MATTER, NULL, 1, NULL },
};
static const struct vocab_field f_conduct_recorded[] = {
	{ "by", VOCAB_PARTY, NULL, 1, NULL },
	{ "re", VOCAB_MATTER, NULL, 1, NULL },
};
static const struct vocab_field f_management_action[] = {
	{ "by", VOCAB_PARTY, NULL, 0, NULL },
	{ "re", VOCAB_MATTER, NULL, 1, NULL },
	{ "outcome", VOCAB_STRING, NULL, 0, NULL },	/* words of advice etc.: free text */
};
static const struct vocab_field f_systems_checked[] = {
	{ "by", VOCAB_PARTY, NULL, 0, NULL },
	{ "re", VOCAB_MATTER, NULL, 1, NULL },
	{ "found", VOCAB_MATTER_LIST, NULL, 0, NULL },
	{ "systems", VOCAB_STRING_LIST, NULL, 0, NULL },
};
static const struct vocab_field f_cumulative[] = {
	{ "by", VOCAB_PARTY, NULL, 0, NULL },
	{ "re", VOCAB_MATTER, NULL, 1, NULL },
	{ "considered", VOCAB_MATTER_LIST, NULL, 0, NULL },
};
static const struct vocab_field f_criminal_nfa[] = {
	{ "by", VOCAB_PARTY, NULL, 0, NULL },
	{ "re", VOCAB_MATTER, NULL, 1, NULL },
	{ "reason", VOCAB_ENUM, nfa_reasons, 0, NULL },
};
static const struct vocab_field f_iopc_referred[] = {
	{ "by", VOCAB_PARTY, NULL, 0, NULL },
	{ "re", VOCAB_MATTER, NULL, 1, NULL },
	{ "basis", VOCAB_ENUM, referral_bases, 0, NULL },
};
static const struct vocab_field f_severity[] = {
	{ "by", VOCAB_PARTY, NULL, 0, NULL },
	{ "re", VOCAB_MATTER, NULL, 1, NULL },
	{ "outcome", VOCAB_ENUM, severity_outcomes, 0, NULL },
};
static const struct vocab_field f_investigator[] = {
	{ "by", VOCAB_PARTY, NULL, 0, NULL },
	{ "re", VOCAB_MATTER, NULL, 1, NULL },
	{ "investigator", VOCAB_PARTY, NULL, 0, NULL },
	{ "in_line_management", VOCAB_BOOL, NULL, 0, NULL },
};
static const struct vocab_field f_by_re_reasons[] = {
	{ "by", VOCAB_PARTY, NULL, 0, NULL },
	{ "re", VOCAB_MATTER, NULL, 1, NULL },
	{ "reasons", VOCAB_REASONS, NULL, 0, NULL },
};
static const struct vocab_field f_suspension[] = {
	{ "by", VOCAB_PARTY, NULL, 0, NULL },
	{ "re", VOCAB_MATTER, NULL, 1, NULL },
	{ "decision", VOCAB_ENUM, suspension_decisions, 0, NULL },
	{ "reasons", VOCAB_REASONS, NULL, 0, NULL },
};
static const struct vocab_field f_case_to_answer[] = {
	{ "by", VOCAB_PARTY, NULL, 0, NULL },
	{ "re", VOCAB_MATTER, NULL, 1, NULL },
	{ "outcome", VOCAB_ENUM, case_outcomes, 0, NULL },
};
static const struct vocab_field f_conduct_closed[] = {
	{ "by", VOCAB_PARTY, NULL, 0, NULL },
	{ "re", VOCAB_MATTER, NULL, 1, NULL },
	{ "reason", VOCAB_ENUM, closing_reasons, 0, NULL },
};
static const struct vocab_field f_progress_report[] = {
	{ "by", VOCAB_PARTY, NULL, 0, NULL },
	{ "re", VOCAB_MATTER, NULL, 1, NULL },
	{ "to", VOCAB_PARTY, NULL, 0, NULL },
};
static const struct vocab_field f_meeting[] = {
	{ "by", VOCAB_PARTY, NULL, 0, NULL },
	{ "re", VOCAB_MATTER, NULL, 1, NULL },
	{ "outcome", VOCAB_ENUM, meeting_outcomes, 0, NULL },
};
static const struct vocab_field f_record_unlinked[] = {
	{ "by", VOCAB_PARTY, NULL, 0, NULL },
	{ "re", VOCAB_MATTER, NULL, 0, NULL },
	{ "system", VOCAB_STRING, NULL, 0, NULL },
};
static const struct vocab_field f_vetting_review[] = {
	{ "by", VOCAB_PARTY, NULL, 0, NULL },
	{ "re", VOCAB_MATTER, NULL, 0, NULL },
	{ "trigger", VOCAB_ENUM, vetting_triggers, 0, NULL },
	{ "outcome", VOCAB_ENUM, vetting_outcomes, 0, NULL },
};
static const struct vocab_field f_probation[] = {
	{ "by", VOCAB_PARTY, NULL, 0, NULL },
	{ "re", VOCAB_MATTER, NULL, 1, NULL },
	{ "outcome", VOCAB_ENUM, probation_outcomes, 0, NULL },
};
/* The route decision: `by` required, as on conduct_recorded (by the AA). */
static const struct vocab_field f_route_decided[] = {
	{ "by", VOCAB_PARTY, NULL, 1, NULL },
	{ "re", VOCAB_MATTER, NULL, 1, NULL },
	{ "outcome", VOCAB_ENUM, route_outcomes, 0, NULL },
	{ "reasons", VOCAB_REASONS, NULL, 0, NULL },
};
/* A policy's own type: `by` and `re` as most built-in types have them. */
static const struct vocab_field f_declared[] = {
	{ "by", VOCAB_PARTY, NULL, 0, NULL },
	{ "re", VOCAB_MATTER, NULL, 0, NULL },
};

#define T(name, f, doc) { name, f, COUNT(f), doc }

/* Sorted by name (strcmp), so that lookups can bisect; a test checks it. */
static const struct vocab_type builtin_types[] = {
	/* criminal track */
	T("acquitted", f_by_re,
	  "the subject is acquitted at a criminal trial on the matter"),
	/* status of the subject */
	T("advisory_list_reported", f_by_to,
	  "the subject is reported to the College of Policing for the advisory list (left while under investigation)"),
	/* intake */
	T("allegation_received", f_allegation,
	  "an allegation against the subject reaches a police body (by); it opens a matter"),
	T("arrested", f_by_re,
	  "the subject is arrested on the matter"),
	T("barred_list_reported", f_by_to,
	  "the subject is reported to the College of Policing for the barred list"),
	/* conduct track */
	T("case_to_answer", f_case_to_answer,
	  "the decision whether the subject has a case to answer for misconduct or gross misconduct"),
	T("charged", f_by_re,
	  "the subject is charged with a criminal offence on the matter"),
	T("conduct_closed", f_conduct_closed,
	  "the appropriate authority stops dealing with the conduct matter"),
	T("conduct_paused", f_by_re_reasons,
	  "the conduct investigation is put on hold; the reasons must say how it would prejudice criminal proceedings"),
	T("conduct_recorded", f_conduct_recorded,
	  "a conduct matter is recorded by the appropriate authority (PRA 2002 Sch 3 para 11)"),
	T("conduct_resumed", f_by_re,
	  "a paused conduct investigation is resumed"),
	T("convicted", f_by_re,
	  "the subject is convicted on the matter"),
	T("criminal_investigation_opened", f_by_re,
	  "a criminal investigation into the matter is opened"),
	T("criminal_nfa", f_criminal_nfa,
	  "no further criminal action is taken on the matter"),
	T("cumulative_assessment", f_cumulative,
	  "the appropriate authority assesses this matter together with earlier allegations"),
	T("dismissed", f_by,
	  "the subject is dismissed from the service"),
	T("guilty_plea", f_by_re,
	  "the subject pleads guilty on the matter"),
	T("home_force_notified", f_referral,
	  "another force tells the subject's own force's professional standards department of the matter"),
	T("investigation_completed", f_by_re,
	  "the conduct investigation report is completed"),
	T("investigator_appointed", f_investigator,
	  "an investigator is appointed to the conduct matter"),
	T("iopc_call_in", f_by_re,
	  "the IOPC requires the matter to be referred to it (Sch 3 para 13(1)(c))"),
	T("iopc_initiative", f_by_re,
	  "the IOPC treats the matter as referred on its own initiative (Sch 3 para 13A, from 1 Feb 2020)"),
	T("iopc_referred", f_iopc_referred,
	  "the matter is referred to the IOPC (the IPCC before 8 January 2018)"),
	T("leave_consented", f_by_re_reasons,
	  "the appropriate authority consents to the subject resigning or retiring while under investigation"),
	T("management_action", f_management_action,
	  "the matter is handled by line management (words of advice and the like)"),
	T("misconduct_hearing", f_meeting,
	  "a misconduct hearing is held on the matter"),
	T("misconduct_meeting", f_meeting,
	  "a misconduct meeting is held on the matter"),
	T("notice_deferred", f_by_re_reasons,
	  "written notice of investigation is held back because serving it would prejudice the investigation"),
	T("notice_served", f_by_re,
	  "written notice of investigation is served on the subject"),
	T("probation_review", f_probation,
	  "the discharge of a probationer is considered"),
	T("progress_report", f_progress_report,
	  "a progress report on an investigation open for twelve months is sent to the local policing body"),
	T("psd_referral", f_referral,
	  "the matter is passed to the professional standards department (to) by the force's own people"),
	/* records and vetting */
	T("record_unlinked", f_record_unlinked,
	  "the subject's name is removed from, or unlinked in, a records system"),
	T("reflective_practice", f_by_re,
	  "the matter is referred to the reflective practice review process"),
	T("resigned", f_by,
	  "the subject resigns from the service"),
	T("restrictions_lifted", f_by_re,
	  "a suspension or restriction of the subject is lifted"),
	T("retired", f_by,
	  "the subject retires from the service"),
	T("route_decided", f_route_decided,
	  "the appropriate authority decides whether the allegation is a complaint, a conduct matter or neither"),
	T("severity_assessed", f_severity,
	  "the severity of the conduct matter is assessed"),
	T("special_case_certified", f_by_re,
	  "an accelerated (special case) hearing is certified"),
	T("suspension_decision", f_suspension,
	  "the decision whether to suspend, restrict or redeploy the subject"),
	T("systems_checked", f_systems_checked,
	  "police and professional-standards systems are searched for the subject's history"),
	T("vetting_review", f_vetting_review,
	  "the subject's vetting is reviewed"),
	T("victim_contacted", f_by_re,
	  "the victim or complainant is spoken to about the matter"),
};

#undef T

/*
** A vocabulary. The built-in one points at the static table; one from
** vocab_new owns a copy of the type table, whose field arrays stay static
** until a policy adds a field (then that type's array is copied into
** fields_own).
*/
/* A type's field array after a policy added to it; NULL while static. */
struct vocab_own {
	struct vocab_field *fields;
	size_t cap;
};

struct vocab {
	const struct vocab_type *types;	/* sorted by name */
	size_t n_types;
	struct vocab_type *own;		/* == types when owned, else NULL */
	size_t cap;
	struct vocab_own *fields_own;	/* per type: its field array once copied */
	struct strpool pool;		/* names copied from policies */
};

static const struct vocab builtin = {
	builtin_types, COUNT(builtin_types), NULL, 0, NULL, { NULL, 0, 0, NULL, 0 }
};

static const char *const kind_names[] = {
	"string", "bool", "party", "matter", "enum", "categories", "matter_list",
	"string_list", "reasons", "date"
};

const struct vocab *vocab_builtin(void)
{
	return &builtin;
}

struct vocab *vocab_new(void)
{
	struct vocab *v = calloc(1, sizeof(*v));

	if (!v)
		return NULL;
	v->cap = COUNT(builtin_types) + 8;
	v->own = malloc(v->cap * sizeof(*v->own));
	v->fields_own = calloc(v->cap, sizeof(*v->fields_own));
	if (!v->own || !v->fields_own) {
		vocab_free(v);
		return NULL;
	}
	memcpy(v->own, builtin_types, sizeof(builtin_types));
	v->types = v->own;
	v->n_types = COUNT(builtin_types);
	return v;
}

void vocab_free(struct vocab *v)
{
	size_t i;

	if (!v || v == &builtin)
		return;
	for (i = 0; v->fields_own && i < v->n_types; i++)
		free(v->fields_own[i].fields);
	strpool_release(&v->pool);
	free(v->own);
	free(v->fields_own);
	free(v);
}

/* Keep a copy of S for as long as V lives. */
static const char *vocab_intern(struct vocab *v, const char *s)
{
	return strpool_dup(&v->pool, s);
}

/* Index of type NAME, or where it would go (*found = 0). */
static size_t vocab_find(const struct vocab *v, const char *name, int *found)
{
	size_t lo = 0, hi = v->n_types;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(name, v->types[mid].name);

		if (c == 0) {
			*found = 1;
			return mid;
		}
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	*found = 0;
	return lo;
}

int vocab_add_type(struct vocab *v, const char *type)
{
	int found;
	size_t at;
	const char *name;

	if (!type || !*type)
		return -1;
	at = vocab_find(v, type, &found);
	if (found)
		return 0;
	if (v->n_types == v->cap) {
		size_t cap = v->cap * 2;
		struct vocab_type *t = realloc(v->own, cap * sizeof(*t));
		struct vocab_own *fo;

		if (!t)
			return -1;
		v->own = t;
		v->types = t;
		fo = realloc(v->fields_own, cap * sizeof(*fo));
		if (!fo)
			return -1;
		v->fields_own = fo;
		v->cap = cap;
	}
	name = vocab_intern(v, type);
	if (!name)
		return -1;
	memmove(&v->own[at + 1], &v->own[at], (v->n_types - at) * sizeof(*v->own));
	memmove(&v->fields_own[at + 1], &v->fields_own[at], (v->n_types - at) * sizeof(*v->fields_own));
	v->own[at].name = name;
	v->own[at].fields = f_declared;
	v->own[at].n_fields = COUNT(f_declared);
	v->own[at].doc = NULL;
	v->fields_own[at].fields = NULL;
	v->fields_own[at].cap = 0;
	v->n_types++;
	return 0;
}

int vocab_add_field(struct vocab *v, const char *type, const char *field,
		    enum vocab_kind kind)
{
	int found;
	size_t at;
	struct vocab_type *t;
	struct vocab_own *own;
	const struct vocab_field *old;
	const char *name;

	if (kind == VOCAB_ENUM || (unsigned)kind >= COUNT(kind_names))
		return -3;
	if (!field || !*field)
		return -1;
	at = vocab_find(v, type, &found);
	if (!found)
		return -2;
	t = &v->own[at];
	own = &v->fields_own[at];
	old = vocab_field(t, field);
	if (old)
		return old->kind == kind ? 0 : -3;
	if (!own->fields || t->n_fields == own->cap) {
		size_t cap = t->n_fields * 2 + 4;
		struct vocab_field *fields = malloc(cap * sizeof(*fields));

		if (!fields)
			return -1;
		memcpy(fields, t->fields, t->n_fields * sizeof(*fields));
		free(own->fields);
		own->fields = fields;
		own->cap = cap;
		t->fields = fields;
	}
	name = vocab_intern(v, field);
	if (!name)
		return -1;
	own->fields[t->n_fields].name = name;
	own->fields[t->n_fields].kind = kind;
	own->fields[t->n_fields].values = NULL;
	own->fields[t->n_fields].required = 0;
	own->fields[t->n_fields].doc = NULL;
	t->n_fields++;
	return 0;
}

int vocab_kind_parse(const char *name)
{
	size_t i;

	for (i = 0; i < COUNT(kind_names); i++)
		if (i != VOCAB_ENUM && i != VOCAB_CATEGORIES && strcmp(name, kind_names[i]) == 0)
			return (int)i;
	return -1;
}

const char *vocab_kind_name(enum vocab_kind kind)
{
	return (unsigned)kind < COUNT(kind_names) ? kind_names[kind] : "?";
}

const struct vocab_type *vocab_type(const struct vocab *v, const char *name)
{
	int found;
	size_t at = vocab_find(v, name, &found);

	return found ? &v->types[at] : NULL;
}

const struct vocab_field *vocab_field(const struct vocab_type *t, const char *name)
{
	size_t i;

	for (i = 0; i < COUNT(common_fields); i++)
		if (strcmp(name, common_fields[i].name) == 0)
			return &common_fields[i];
	for (i = 0; i < t->n_fields; i++)
		if (strcmp(name, t->fields[i].name) == 0)
			return &t->fields[i];
	return NULL;
}

size_t vocab_type_count(const struct vocab *v)
{
	return v->n_types;
}

const struct vocab_type *vocab_type_at(const struct vocab *v, size_t i)
{
	return i < v->n_types ? &v->types[i] : NULL;
}

/*
** The meaning of a field name wherever the format uses it; a table entry's
** own doc says more where a type gives the name a sharper meaning.
*/
static const struct { const char *name, *doc; } field_docs[] = {
	{ "assumption", "what the event takes to be so beyond its sources; shown with every finding that rests on it" },
	{ "basis", "why the matter was referred" },
	{ "by", "the party who acted" },
	{ "categories", "what kind of allegation it is (at least one category)" },
	{ "considered", "the earlier allegations taken into account (their ids)" },
	{ "date", "when it happened: YYYY-MM-DD, or YYYY-MM or YYYY when the record is vaguer" },
	{ "decision", "what was decided" },
	{ "found", "the earlier allegations the search surfaced (their ids; empty: none)" },
	{ "id", "a name for the event, unique in the case" },
	{ "in_line_management", "true when the investigator works in the subject's management chain or is otherwise not independent" },
	{ "investigator", "the party appointed to investigate" },
	{ "note", "free text for people reading the case" },
	{ "on_duty", "whether the subject was on duty at the time" },
	{ "outcome", "what came of it" },
	{ "possible_categories", "categories the sources leave open: a step that would apply only with them is unknown" },
	{ "re", "the allegation this event is about (the id of its allegation_received)" },
	{ "reason", "why" },
	{ "reasons", "the reasons given, as written" },
	{ "reporter", "the party who reported it, when not the victim" },
	{ "source", "where the fact comes from" },
	{ "system", "the records system concerned" },
	{ "systems", "the systems searched" },
	{ "to", "the party it went to" },
	{ "trigger", "what prompted it" },
	{ "type", "the kind of event" },
	{ "victim", "the party the allegation says was harmed" },
};

const char *vocab_field_doc(const struct vocab_field *f)
{
	size_t i;

	if (f->doc)
		return f->doc;
	for (i = 0; i < COUNT(field_docs); i++)
		if (strcmp(f->name, field_docs[i].name) == 0)
			return field_docs[i].doc;
	return "a field the policy declares";
}

const struct vocab_field *vocab_common_fields(size_t *n)
{
	*n = COUNT(common_fields);
	return common_fields;
}

const char *const *vocab_categories(void)
{
	return categories;
}

const char *const *vocab_party_kinds(void)
{
	return party_kinds;
}

const char *const *vocab_statuses(void)
{
	return statuses;
}
