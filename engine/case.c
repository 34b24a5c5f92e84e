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
** Validate and build the case from ROOT (a reference is taken). BYTES, LEN
** are the bytes it was parsed from, malloc'd, owned by the case from here
** on (NULL: ROOT was built in memory; its compact text is hashed and ROOT
** kept, for the case builder). A parsed file's tree is dropped once the
** case has its own copy of what it keeps (case_compact.c); the bytes stay,
** to be hashed and, if asked, parsed again (case_tree).
*/
static struct case_file *load_root(json_t *root, char *bytes, size_t len, const char *src,
				   const struct vocab *vocab, struct casecheck_errors *errs)
{
	struct load ld;
	struct case_priv *cp;
	int parsed = bytes != NULL;

	memset(&ld, 0, sizeof(ld));
	ld.src = src;
	ld.errs = errs;
	ld.vocab = vocab ? vocab : vocab_builtin();
	cp = calloc(1, sizeof(*cp));
	if (!cp || !(cp->pub.source = strdup(ld.src))) {
		free(cp);
		free(bytes);
		case_load_oom(&ld);
		return NULL;
	}
	cp->pub.root = json_incref(root);
	/* hashed on demand (case_sha256): only some reports show it, and it
	** costs more than validating the case */
	if (!bytes) {
		bytes = json_dumps(root, JSON_COMPACT | JSON_PRESERVE_ORDER);
		if (!bytes) {
			case_load_oom(&ld);
			goto fail;
		}
		len = strlen(bytes);
	}
	cp->bytes = bytes;
	cp->n_bytes = len;
	ld.cp = cp;
	ld.cf = &cp->pub;
	if (case_validate(&ld, root) < 0 || ld.n_errors > 0)
		goto fail;
	free(ld.aux);
	free(ld.ids);
	ld.aux = NULL;
	ld.ids = NULL;
	if (case_build(cp) < 0 || case_compact(cp, parsed) < 0) {
		case_load_oom(&ld);
		goto fail;
	}
	if (parsed) {
		json_decref(cp->pub.root);
		cp->pub.root = NULL;
		cp->parsed = 1;
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

/* BYTES (malloc'd, LEN of them and a NUL) parsed and loaded; the case owns them, or they are freed. */
static struct case_file *load_bytes(char *bytes, size_t len, const char *name,
				    const struct vocab *vocab, case_vocab_fn resolve, void *ctx,
				    struct casecheck_errors *errs)
{
	const char *src = name ? name : "<buffer>";
	struct case_file *cf;
	json_error_t jerr;
	json_t *root;

	root = json_loadb(bytes, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!root) {
		errors_addf(errs, CASECHECK_E_INPUT, src, "", jerr.line > 0 ? jerr.line : 0,
			    jerr.column > 0 ? jerr.column : 0, "%s", jerr.text);
		free(bytes);
		return NULL;
	}
	if (resolve) {
		const struct vocab *v = resolve_vocab(root, resolve, ctx);

		if (v)
			vocab = v;
	}
	cf = load_root(root, bytes, len, src, vocab, errs);
	json_decref(root);
	return cf;
}

/* The caller's buffer, copied: the case keeps the bytes it was parsed from. */
static struct case_file *load_buffer(const char *buf, size_t len, const char *name,
				     const struct vocab *vocab, case_vocab_fn resolve, void *ctx,
				     struct casecheck_errors *errs)
{
	char *copy = malloc(len + 1);

	if (!copy) {
		errors_addf(errs, CASECHECK_E_INTERNAL, name ? name : "<buffer>", "", 0, 0,
			    "out of memory");
		return NULL;
	}
	memcpy(copy, buf, len);
	copy[len] = '\0';
	return load_bytes(copy, len, name, vocab, resolve, ctx, errs);
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
	char *buf = file_read(path, &len, &fault), *fit;

	if (!buf) {
		if (fault == FILE_READ_MEMORY)
			errors_addf(errs, CASECHECK_E_INTERNAL, path, "", 0, 0, "out of memory");
		else
			errors_addf(errs, CASECHECK_E_INPUT, path, "", 0, 0, "cannot %s '%s': %s",
				    fault == FILE_READ_OPEN ? "open" : "read", path, strerror(errno));
		return NULL;
	}
	/* the case keeps the bytes: not the doubled buffer they were read into */
	if ((fit = realloc(buf, len + 1)))
		buf = fit;
	return load_bytes(buf, len, path, vocab, resolve, ctx, errs);
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
	size_t i;

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
	for (i = 0; i < cp->n_chunks; i++)
		free(cp->chunks[i]);
	free(cp->chunks);
	free(cp->id_pool);
	free(cf->gap_ids);
	free((void *)cf->keys);
	free(cf->expect_text);
	free(cp);
}

const char *case_sha256(struct case_file *cf)
{
	struct case_priv *cp = (struct case_priv *)cf;

	if (!cf->sha256[0] && cp->bytes) {
		sha256_hex(cp->bytes, cp->n_bytes, cf->sha256);
		if (!cp->parsed) {	/* a parsed file's bytes are its document (case_tree) */
			free(cp->bytes);
			cp->bytes = NULL;
		}
	}
	return cf->sha256;
}

json_t *case_tree(const struct case_file *cf)
{
	const struct case_priv *cp = (const struct case_priv *)cf;

	if (cf->root)
		return json_incref(cf->root);
	return json_loadb(cp->bytes, cp->n_bytes, JSON_REJECT_DUPLICATES, NULL);
}

