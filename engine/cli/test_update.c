/*
** test_update.c: 'casecheck test --update'. A small JSON scanner finds the
** byte range of the top-level "expect" member's value (tracking strings,
** escapes and nesting); a freshly generated block, indented like the file,
** is spliced in (or appended before the final '}'), and the file is written
** through a temporary file and rename. Generating from a block that already
** matches gives the same bytes, so a second --update changes nothing.
*/
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cli_common.h"
#include "file_read.h"
#include "test_expect.h"
#include "test_update.h"

/* ---- a growable string ---- */


static void upd_puts(struct cli_buf *b, const char *s)
{
	cli_buf_put(b, s, strlen(s));
}

static void upd_indent(struct cli_buf *b, const char *unit, int level)
{
	while (level-- > 0)
		upd_puts(b, unit);
}

/* S as a JSON string: quotes, and escapes for '"', '\\' and control characters. */
static void upd_string(struct cli_buf *b, const char *s)
{
	char esc[8];

	cli_buf_put(b, "\"", 1);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\') {
			esc[0] = '\\';
			esc[1] = (char)c;
			cli_buf_put(b, esc, 2);
		} else if (c == '\n') {
			upd_puts(b, "\\n");
		} else if (c == '\t') {
			upd_puts(b, "\\t");
		} else if (c < 0x20) {
			snprintf(esc, sizeof(esc), "\\u%04x", c);
			upd_puts(b, esc);
		} else {
			cli_buf_put(b, s, 1);
		}
	}
	cli_buf_put(b, "\"", 1);
}

/* ---- the block ---- */

static int upd_has(json_t *entry, const char *key)
{
	return entry && json_object_get(entry, key) != NULL;
}

/* One entry, on one line: {"step": ..., "re": ..., "status": ...}. */
static void upd_entry(struct cli_buf *b, const struct casecheck_finding *f, json_t *old)
{
	json_t *msg = old ? json_object_get(old, "message") : NULL;
	int late = f->status == CASECHECK_LATE;
	char num[32];

	upd_puts(b, "{\"step\": ");
	upd_string(b, f->step);
	if (f->re) {
		upd_puts(b, ", \"re\": ");
		upd_string(b, f->re);
	}
	upd_puts(b, ", \"status\": ");
	upd_string(b, casecheck_status_name(f->status));
	if ((late || upd_has(old, "due")) && f->due) {
		upd_puts(b, ", \"due\": ");
		upd_string(b, f->due);
	}
	if ((late || upd_has(old, "days_late")) && f->has_days_late) {
		snprintf(num, sizeof(num), "%ld", f->days_late);
		upd_puts(b, ", \"days_late\": ");
		upd_puts(b, num);
	}
	if (upd_has(old, "regime") && f->regime) {
		upd_puts(b, ", \"regime\": ");
		upd_string(b, f->regime);
	}
	if (msg && f->message) {
		upd_puts(b, ", \"message\": ");
		if (json_is_string(msg) && strstr(f->message, json_string_value(msg)))
			upd_string(b, json_string_value(msg));
		else
			upd_string(b, f->message);
	}
	upd_puts(b, "}");
}

/* The old entry that finding I answers, or NULL. */
static json_t *upd_old_entry(const struct casecheck_result *result, json_t *entries, size_t i)
{
	size_t k;
	json_t *e, *step;
	int amb;

	json_array_foreach(entries, k, e) {
		step = json_object_get(e, "step");
		if (!json_is_string(step))
			continue;
		if (test_find_finding(result, json_string_value(step), json_object_get(e, "re"),
				      &amb) == (long)i)
			return e;
	}
	return NULL;
}

char *test_update_block(const struct casecheck_result *result, json_t *old, const char *unit)
{
	struct cli_buf b = { NULL, 0, 0, 0 };
	json_t *entries = old ? json_object_get(old, "findings") : NULL;
	json_t *complete = old ? json_object_get(old, "complete") : NULL;
	size_t n = casecheck_result_count(result), i, k, shown = 0;
	char *pick = calloc(n ? n : 1, 1);
	json_t **olds = calloc(n ? n : 1, sizeof(*olds));
	json_t *e, *step;
	int all, amb;

	if (!pick || !olds) {
		free(pick);
		free(olds);
		return NULL;
	}
	if (!json_is_array(entries))
		entries = NULL;
	all = !old || json_is_true(complete);
	for (i = 0; i < n; i++) {
		olds[i] = entries ? upd_old_entry(result, entries, i) : NULL;
		pick[i] = (char)(all || olds[i]);
	}
	/* an old entry without "re" that matches several findings: list them all */
	json_array_foreach(entries, k, e) {
		step = json_object_get(e, "step");
		if (!json_is_string(step) || json_object_get(e, "re"))
			continue;
		if (test_find_finding(result, json_string_value(step), NULL, &amb) >= 0 || !amb)
			continue;
		for (i = 0; i < n; i++)
			if (strcmp(casecheck_result_finding(result, i)->step,
				   json_string_value(step)) == 0)
				pick[i] = 1;
	}
	upd_puts(&b, "{\n");
	upd_indent(&b, unit, 2);
	upd_puts(&b, "\"findings\": [");
	for (i = 0; i < n; i++) {
		if (!pick[i])
			continue;
		upd_puts(&b, shown++ ? ",\n" : "\n");
		upd_indent(&b, unit, 3);
		upd_entry(&b, casecheck_result_finding(result, i), olds[i]);
	}
	if (shown) {
		upd_puts(&b, "\n");
		upd_indent(&b, unit, 2);
	}
	upd_puts(&b, "]");
	if (!old || complete) {
		upd_puts(&b, ",\n");
		upd_indent(&b, unit, 2);
		upd_puts(&b, "\"complete\": ");
		upd_puts(&b, !old || json_is_true(complete) ? "true" : "false");
	}
	upd_puts(&b, "\n");
	upd_indent(&b, unit, 1);
	upd_puts(&b, "}");
	free(pick);
	free(olds);
	if (b.oom) {
		free(b.s);
		return NULL;
	}
	return b.s;
}

/* ---- the scanner ---- */

static size_t upd_ws(const char *t, size_t len, size_t i)
{
	while (i < len && (t[i] == ' ' || t[i] == '\t' || t[i] == '\n' || t[i] == '\r'))
		i++;
	return i;
}

/* T[I] is '"': the index just past the closing quote, or LEN when unterminated. */
static size_t upd_skip_string(const char *t, size_t len, size_t i)
{
	for (i++; i < len; i++) {
		if (t[i] == '\\')
			i++;
		else if (t[i] == '"')
			return i + 1;
	}
	return len;
}

/* The index just past the value starting at I (a scalar, string, array or object). */
static size_t upd_skip_value(const char *t, size_t len, size_t i)
{
	int depth = 0;

	if (i >= len)
		return len;
	if (t[i] == '"')
		return upd_skip_string(t, len, i);
	if (t[i] != '{' && t[i] != '[') {
		while (i < len && !strchr(",}] \t\r\n", t[i]))
			i++;
		return i;
	}
	for (; i < len; i++) {
		if (t[i] == '"') {
			i = upd_skip_string(t, len, i) - 1;
		} else if (t[i] == '{' || t[i] == '[') {
			depth++;
		} else if (t[i] == '}' || t[i] == ']') {
			if (--depth == 0)
				return i + 1;
		}
	}
	return len;
}

int test_update_locate(const char *t, size_t len, size_t *vstart, size_t *vend, int *empty)
{
	size_t i = upd_ws(t, len, 0), k0, k1, v0, v1;
	size_t last = 0;

	*empty = 1;
	if (i >= len || t[i] != '{')
		return -1;
	last = i + 1;
	i = upd_ws(t, len, i + 1);
	if (i < len && t[i] == '}') {
		*vstart = last;
		*vend = i;
		return 0;
	}
	for (;;) {
		if (i >= len || t[i] != '"')
			return -1;
		k0 = i;
		k1 = upd_skip_string(t, len, i);
		if (k1 >= len)
			return -1;
		i = upd_ws(t, len, k1);
		if (i >= len || t[i] != ':')
			return -1;
		v0 = upd_ws(t, len, i + 1);
		v1 = upd_skip_value(t, len, v0);
		if (v1 >= len || v1 == v0)
			return -1;
		*empty = 0;
		if (k1 - k0 == 8 && memcmp(t + k0, "\"expect\"", 8) == 0) {
			*vstart = v0;
			*vend = v1;
			return 1;
		}
		last = v1;
		i = upd_ws(t, len, v1);
		if (i < len && t[i] == ',') {
			i = upd_ws(t, len, i + 1);
			continue;
		}
		if (i < len && t[i] == '}') {
			*vstart = last;
			*vend = i;
			return 0;
		}
		return -1;
	}
}

void test_update_unit(const char *t, size_t len, char *unit, size_t size)
{
	size_t i = 0, j;

	snprintf(unit, size, "  ");
	while (i < len && t[i] != '{')
		i++;
	for (i++; i < len && (t[i] == ' ' || t[i] == '\t' || t[i] == '\r'); i++)
		;
	if (i >= len || t[i] != '\n')
		return;
	j = ++i;
	while (j < len && (t[j] == ' ' || t[j] == '\t'))
		j++;
	if (j > i && j - i < size)
		snprintf(unit, size, "%.*s", (int)(j - i), t + i);
}

/* ---- files ---- */

static void upd_err(char *errbuf, size_t errsize, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(errbuf, errsize, fmt, ap);
	va_end(ap);
}

static char *upd_read(const char *path, size_t *len, char *errbuf, size_t errsize)
{
	enum file_read_fault fault;
	char *text = file_read(path, len, &fault);

	if (!text)
		upd_err(errbuf, errsize, "%s: cannot read: %s", path,
			fault == FILE_READ_MEMORY ? "out of memory" : strerror(errno));
	return text;
}

static int upd_write(const char *path, const char *text, size_t len, char *errbuf,
		     size_t errsize)
{
	size_t plen = strlen(path);
	char *tmp = malloc(plen + 16);
	struct stat st;
	FILE *fp;
	int fd;

	if (!tmp) {
		upd_err(errbuf, errsize, "%s: out of memory", path);
		return -1;
	}
	snprintf(tmp, plen + 16, "%s.tmp.XXXXXX", path);
	fd = mkstemp(tmp);
	if (fd < 0) {
		upd_err(errbuf, errsize, "%s: cannot create a temporary file: %s", path,
			strerror(errno));
		free(tmp);
		return -1;
	}
	if (stat(path, &st) == 0)
		(void)fchmod(fd, st.st_mode & 07777);
	fp = fdopen(fd, "wb");
	if (!fp) {
		close(fd);
		unlink(tmp);
		upd_err(errbuf, errsize, "%s: cannot write: %s", tmp, strerror(errno));
		free(tmp);
		return -1;
	}
	if (fwrite(text, 1, len, fp) != len || fflush(fp) != 0 || ferror(fp)) {
		upd_err(errbuf, errsize, "%s: cannot write: %s", tmp, strerror(errno));
		fclose(fp);
		unlink(tmp);
		free(tmp);
		return -1;
	}
	if (fclose(fp) != 0 || rename(tmp, path) != 0) {
		upd_err(errbuf, errsize, "%s: cannot replace: %s", path, strerror(errno));
		unlink(tmp);
		free(tmp);
		return -1;
	}
	free(tmp);
	return 0;
}

int test_update_file(const char *path, const struct casecheck_result *result, json_t *old,
		     int *changed, char *errbuf, size_t errsize)
{
	struct cli_buf out = { NULL, 0, 0, 0 };
	char unit[64], *text, *block;
	size_t len, v0, v1;
	int found, empty, rc = 0;

	*changed = 0;
	text = upd_read(path, &len, errbuf, errsize);
	if (!text)
		return -1;
	found = test_update_locate(text, len, &v0, &v1, &empty);
	if (found < 0) {
		upd_err(errbuf, errsize, "%s: cannot find the top-level object", path);
		free(text);
		return -1;
	}
	test_update_unit(text, len, unit, sizeof(unit));
	block = test_update_block(result, found ? old : NULL, unit);
	if (!block) {
		upd_err(errbuf, errsize, "%s: out of memory", path);
		free(text);
		return -1;
	}
	cli_buf_put(&out, text, v0);
	if (found) {
		upd_puts(&out, block);
		cli_buf_put(&out, text + v1, len - v1);
	} else {
		upd_puts(&out, empty ? "\n" : ",\n");
		upd_puts(&out, unit);
		upd_puts(&out, "\"expect\": ");
		upd_puts(&out, block);
		if (empty)
			upd_puts(&out, "\n");
		cli_buf_put(&out, text + v0, len - v0);
	}
	if (out.oom) {
		upd_err(errbuf, errsize, "%s: out of memory", path);
		rc = -1;
	} else if (out.len != len || memcmp(out.s, text, len) != 0) {
		rc = upd_write(path, out.s, out.len, errbuf, errsize);
		*changed = rc == 0;
	}
	free(out.s);
	free(block);
	free(text);
	return rc;
}
