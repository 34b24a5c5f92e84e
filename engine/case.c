/*
** case.c: loading a fixture (casecheck/case@1) into the case model. Every
** problem of a fixture is reported at once, each at its JSON pointer; only
** a clean fixture is then ordered by date and indexed by matter and by type.
*/
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "case_priv.h"
#include "error.h"
#include "file_read.h"
#include "sha256.h"

/*
** The fixture's "policy" field, if it is a string, so that the caller can pick
** the vocabulary before validation (a policy may declare event types).
*/
static const struct vocab *resolve_vocab(json_t *root, case_vocab_fn resolve, void *ctx)
{
	json_t *p = json_is_object(root) ? json_object_get(root, "policy") : NULL;

	return json_is_string(p) ? resolve(json_string_value(p), ctx) : NULL;
}

/*
** Validate and build the case from ROOT (a reference is taken). BUF, LEN
** are the bytes it was parsed from, kept to hash (NULL: hash ROOT's
** compact text, as for a case built in memory).
*/
static struct case_file *load_root(json_t *root, const char *buf, size_t len, const char *src,
				   const struct vocab *vocab, struct casecheck_errors *errs)
{
	struct load ld;
	struct case_priv *cp;
	char *dump = NULL;

	memset(&ld, 0, sizeof(ld));
	ld.src = src;
	ld.errs = errs;
	ld.vocab = vocab ? vocab : vocab_builtin();
	cp = calloc(1, sizeof(*cp));
	if (!cp || !(cp->pub.source = strdup(ld.src))) {
		free(cp);
		case_load_oom(&ld);
		return NULL;
	}
	cp->pub.root = json_incref(root);
	if (!buf) {
		dump = json_dumps(root, JSON_COMPACT | JSON_PRESERVE_ORDER);
		if (!dump) {
			case_load_oom(&ld);
			goto fail;
		}
		buf = dump;
		len = strlen(dump);
	}
	/* hashed on demand (case_sha256): only some reports show it, and it
	** costs more than validating the case */
	cp->bytes = dump ? dump : malloc(len ? len : 1);
	if (!cp->bytes) {
		case_load_oom(&ld);
		goto fail;
	}
	if (!dump)
		memcpy(cp->bytes, buf, len);
	cp->n_bytes = len;
	ld.cp = cp;
	ld.cf = &cp->pub;
	if (case_validate(&ld, root) < 0 || ld.n_errors > 0)
		goto fail;
	free(ld.aux);
	free(ld.ids);
	ld.aux = NULL;
	ld.ids = NULL;
	if (case_build(cp) < 0) {
		case_load_oom(&ld);
		goto fail;
	}
	return &cp->pub;
fail:
	free(ld.aux);
	free(ld.ids);
	case_free(&cp->pub);
	return NULL;
}

struct case_file *case_load_json(json_t *root, const char *name, const struct vocab *vocab,
				 struct casecheck_errors *errs)
{
	return load_root(root, NULL, 0, name ? name : "<case>", vocab, errs);
}

static struct case_file *load_buffer(const char *buf, size_t len, const char *name,
				     const struct vocab *vocab, case_vocab_fn resolve, void *ctx,
				     struct casecheck_errors *errs)
{
	const char *src = name ? name : "<buffer>";
	struct case_file *cf;
	json_error_t jerr;
	json_t *root;

	root = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!root) {
		errors_addf(errs, CASECHECK_E_INPUT, src, "", jerr.line > 0 ? jerr.line : 0,
			    jerr.column > 0 ? jerr.column : 0, "%s", jerr.text);
		return NULL;
	}
	if (resolve) {
		const struct vocab *v = resolve_vocab(root, resolve, ctx);

		if (v)
			vocab = v;
	}
	cf = load_root(root, buf, len, src, vocab, errs);
	json_decref(root);
	return cf;
}

struct case_file *case_load_buffer(const char *buf, size_t len, const char *name,
				   const struct vocab *vocab, struct casecheck_errors *errs)
{
	return load_buffer(buf, len, name, vocab, NULL, NULL, errs);
}

struct case_file *case_load_buffer_resolve(const char *buf, size_t len, const char *name,
					   case_vocab_fn resolve, void *ctx,
					   struct casecheck_errors *errs)
{
	return load_buffer(buf, len, name, NULL, resolve, ctx, errs);
}

static struct case_file *load_file(const char *path, const struct vocab *vocab,
				   case_vocab_fn resolve, void *ctx, struct casecheck_errors *errs)
{
	enum file_read_fault fault;
	size_t len;
	char *buf = file_read(path, &len, &fault);
	struct case_file *cf;

	if (!buf) {
		if (fault == FILE_READ_MEMORY)
			errors_addf(errs, CASECHECK_E_INTERNAL, path, "", 0, 0, "out of memory");
		else
			errors_addf(errs, CASECHECK_E_INPUT, path, "", 0, 0, "cannot %s '%s': %s",
				    fault == FILE_READ_OPEN ? "open" : "read", path, strerror(errno));
		return NULL;
	}
	cf = load_buffer(buf, len, path, vocab, resolve, ctx, errs);
	free(buf);
	return cf;
}

struct case_file *case_load_file(const char *path, const struct vocab *vocab,
				 struct casecheck_errors *errs)
{
	return load_file(path, vocab, NULL, NULL, errs);
}

struct case_file *case_load_file_resolve(const char *path, case_vocab_fn resolve, void *ctx,
					 struct casecheck_errors *errs)
{
	return load_file(path, NULL, resolve, ctx, errs);
}

void case_free(struct case_file *cf)
{
	struct case_priv *cp = (struct case_priv *)cf;

	if (!cf)
		return;
	free(cp->by_id);
	free(cp->matter_pool);
	free(cp->type_pool);
	free(cp->matter_type_pool);
	free(cp->matter_types);
	free(cf->by_type);
	free(cf->matters);
	free(cf->events);
	free(cf->parties);
	free(cf->vetting);
	free(cf->gaps);
	free(cf->gap_re);
	free(cf->source);
	free(cp->bytes);
	json_decref(cf->root);
	free(cp);
}

const char *case_sha256(struct case_file *cf)
{
	struct case_priv *cp = (struct case_priv *)cf;

	if (!cf->sha256[0] && cp->bytes) {
		sha256_hex(cp->bytes, cp->n_bytes, cf->sha256);
		free(cp->bytes);
		cp->bytes = NULL;
	}
	return cf->sha256;
}

