/*
** vocab_info.c: the event vocabulary as the public API shows it
** (casecheck.h, "the vocabulary"): a read-only view of vocab.c's tables,
** which stay the one list of event types, fields and values.
*/
#include <string.h>
#include "engine.h"
#include "vocab.h"

static const struct vocab *vocab_of(const struct casecheck_policy *policy)
{
	return policy ? policy->vocab : vocab_builtin();
}

static void type_info(const struct vocab_type *t, struct casecheck_event_type_info *out)
{
	size_t nc;

	vocab_common_fields(&nc);
	out->name = t->name;
	out->description = t->doc;
	out->n_fields = nc + t->n_fields;
}

size_t casecheck_vocab_type_count(const struct casecheck_policy *policy)
{
	return vocab_type_count(vocab_of(policy));
}

int casecheck_vocab_type(const struct casecheck_policy *policy, size_t i,
			 struct casecheck_event_type_info *out)
{
	const struct vocab_type *t = vocab_type_at(vocab_of(policy), i);

	if (!t)
		return -1;
	type_info(t, out);
	return 0;
}

long casecheck_vocab_type_find(const struct casecheck_policy *policy, const char *name,
			       struct casecheck_event_type_info *out)
{
	const struct vocab *v = vocab_of(policy);
	const struct vocab_type *t = name ? vocab_type(v, name) : NULL;

	if (!t)
		return -1;
	if (out)
		type_info(t, out);
	/* vocab_type returns a pointer into the sorted table */
	return (long)(t - vocab_type_at(v, 0));
}

int casecheck_vocab_field(const struct casecheck_policy *policy, const char *type, size_t j,
			  struct casecheck_field_info *out)
{
	const struct vocab_type *t = type ? vocab_type(vocab_of(policy), type) : NULL;
	const struct vocab_field *common, *f;
	size_t nc;

	if (!t)
		return -1;
	common = vocab_common_fields(&nc);
	if (j < nc)
		f = &common[j];
	else if (j - nc < t->n_fields)
		f = &t->fields[j - nc];
	else
		return -1;
	out->name = f->name;
	out->type = (enum casecheck_value_type)f->kind;
	out->type_name = vocab_kind_name(f->kind);
	out->required = f->required;
	out->common = j < nc;
	out->values = f->kind == VOCAB_CATEGORIES ? vocab_categories() : f->values;
	out->description = vocab_field_doc(f);
	return 0;
}
