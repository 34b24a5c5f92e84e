/*
** test_coverage.c: coverage of a policy by a fixture corpus, counted in
** steps and provisions: (step, status) cells and (step, regime) cells that
** some finding reached. A step's status cells are the six non-error
** statuses less those its policy declares it can never give (cannot =
** {...}, shown as -; evaluation holds the policy to that). Error findings are not cells; a
** (step, regime) cell is reached by a finding other than not_applicable.
*/
#include <stdlib.h>
#include <string.h>
#include "test_coverage.h"

/* The statuses that are cells: every one but error, in enum order. */
#define COV_STATUSES (CASECHECK_STATUS_COUNT - 1)

static const char *const cov_heads[COV_STATUSES] = {
	"pass", "late", "fail", "pending", "n/a", "unknown"
};

void test_cov_init(struct test_cov *cov)
{
	memset(cov, 0, sizeof(*cov));
}

void test_cov_free(struct test_cov *cov)
{
	size_t i;

	for (i = 0; i < cov->n; i++) {
		free(cov->items[i].status_hits);
		free(cov->items[i].regime_hits);
	}
	free(cov->items);
	memset(cov, 0, sizeof(*cov));
}

static struct test_cov_policy *cov_get(struct test_cov *cov,
				       const struct casecheck_policy *policy)
{
	struct test_cov_policy *cp, *v;
	size_t i, cap;

	for (i = 0; i < cov->n; i++)
		if (cov->items[i].policy == policy)
			return &cov->items[i];
	if (cov->n == cov->cap) {
		cap = cov->cap ? cov->cap * 2 : 4;
		v = realloc(cov->items, cap * sizeof(*v));
		if (!v)
			return NULL;
		cov->items = v;
		cov->cap = cap;
	}
	cp = &cov->items[cov->n];
	memset(cp, 0, sizeof(*cp));
	cp->policy = policy;
	cp->n_steps = casecheck_policy_step_count(policy);
	cp->n_regimes = casecheck_policy_regime_count(policy);
	cp->status_hits = calloc(cp->n_steps * CASECHECK_STATUS_COUNT + 1, sizeof(size_t));
	cp->regime_hits = calloc(cp->n_steps * cp->n_regimes + 1, sizeof(size_t));
	if (!cp->status_hits || !cp->regime_hits) {
		free(cp->status_hits);
		free(cp->regime_hits);
		return NULL;
	}
	cov->n++;
	return cp;
}

int test_cov_fixture(struct test_cov *cov, const struct casecheck_policy *policy)
{
	struct test_cov_policy *cp = cov_get(cov, policy);

	if (!cp)
		return -1;
	cp->fixtures++;
	return 0;
}

int test_cov_add(struct test_cov *cov, const struct casecheck_policy *policy,
		 const char *step, int status, const char *regime)
{
	struct test_cov_policy *cp = cov_get(cov, policy);
	size_t s, r;

	if (!cp)
		return -1;
	if (status < 0 || status >= CASECHECK_STATUS_COUNT)
		return 0;
	for (s = 0; s < cp->n_steps; s++)
		if (strcmp(casecheck_policy_step(policy, s)->id, step) == 0)
			break;
	if (s == cp->n_steps)
		return 0;
	cp->status_hits[s * CASECHECK_STATUS_COUNT + (size_t)status]++;
	if (!regime || status == CASECHECK_NOT_APPLICABLE)
		return 0;
	for (r = 0; r < cp->n_regimes; r++)
		if (strcmp(casecheck_policy_regime(policy, r)->id, regime) == 0)
			cp->regime_hits[s * cp->n_regimes + r]++;
	return 0;
}

/* 1 when STEP is in force under regime REGIME. */
static int cov_in_force(const struct casecheck_step *step, const char *regime)
{
	size_t i;

	for (i = 0; i < step->n_regimes; i++)
		if (strcmp(step->regimes[i], regime) == 0)
			return 1;
	return 0;
}

static void cov_cell(FILE *fp, size_t hits, int width, int possible)
{
	if (!possible)
		fprintf(fp, " %*s", width, "-");
	else if (hits)
		fprintf(fp, " %*lu", width, (unsigned long)hits);
	else
		fprintf(fp, " %*s", width, ".");
}

static void cov_print_one(const struct test_cov_policy *cp, FILE *fp, size_t *cells,
			  size_t *reached)
{
	const struct casecheck_policy *policy = cp->policy;
	size_t s, k, r, st_cells = 0, st_reached = 0, st_cannot = 0, rg_cells = 0, rg_reached = 0, shown;
	size_t status_total[CASECHECK_STATUS_COUNT];
	int width = 4, w;

	memset(status_total, 0, sizeof(status_total));
	for (s = 0; s < cp->n_steps; s++) {
		w = (int)strlen(casecheck_policy_step(policy, s)->id);
		if (w > width)
			width = w;
	}
	fprintf(fp, "coverage of %s: %lu fixture%s\n", casecheck_policy_id(policy),
		(unsigned long)cp->fixtures, cp->fixtures == 1 ? "" : "s");

	/* steps x statuses */
	fprintf(fp, "\n  %-*s", width, "step x status");
	for (k = 0; k < COV_STATUSES; k++)
		fprintf(fp, " %s", cov_heads[k]);
	fputc('\n', fp);
	for (s = 0; s < cp->n_steps; s++) {
		fprintf(fp, "  %-*s", width, casecheck_policy_step(policy, s)->id);
		for (k = 0; k < COV_STATUSES; k++) {
			size_t h = cp->status_hits[s * CASECHECK_STATUS_COUNT + k];
			/* a status the step declares it can never give is no cell to reach */
			int can = casecheck_policy_step_cannot(policy, s, (enum casecheck_status)k) == NULL;

			cov_cell(fp, h, (int)strlen(cov_heads[k]), can);
			st_cells += (size_t)can;
			st_cannot += (size_t)!can;
			if (h && can)
				st_reached++;
			status_total[k] += h;
		}
		fputc('\n', fp);
	}
	fprintf(fp, "  of %lu step x status cells the steps can give, %lu reached (%.1f%%); %lu more\n"
		"  (-) the policy declares its steps can never give (cannot = { ... })\n",
		(unsigned long)st_cells, (unsigned long)st_reached,
		st_cells ? 100.0 * (double)st_reached / (double)st_cells : 100.0,
		(unsigned long)st_cannot);

	/* steps x regimes */
	fprintf(fp, "\n  %-*s", width, "step x regime");
	for (r = 0; r < cp->n_regimes; r++)
		fprintf(fp, " %s", casecheck_policy_regime(policy, r)->id);
	fputc('\n', fp);
	for (s = 0; s < cp->n_steps; s++) {
		const struct casecheck_step *step = casecheck_policy_step(policy, s);

		fprintf(fp, "  %-*s", width, step->id);
		for (r = 0; r < cp->n_regimes; r++) {
			const char *rid = casecheck_policy_regime(policy, r)->id;
			size_t h = cp->regime_hits[s * cp->n_regimes + r];
			int in = cov_in_force(step, rid);

			cov_cell(fp, h, (int)strlen(rid), in);
			if (in) {
				rg_cells++;
				if (h)
					rg_reached++;
			}
		}
		fputc('\n', fp);
	}
	fprintf(fp, "  of %lu step x regime cells (the regimes each step is in force under),"
		" %lu reached\n  (%.1f%%) by a finding other than n/a\n", (unsigned long)rg_cells, (unsigned long)rg_reached,
		rg_cells ? 100.0 * (double)rg_reached / (double)rg_cells : 100.0);

	/* gaps */
	fputs("\n  steps never reached (no finding but n/a):", fp);
	shown = 0;
	for (s = 0; s < cp->n_steps; s++) {
		size_t live = 0;

		for (k = 0; k < CASECHECK_STATUS_COUNT; k++)
			if (k != CASECHECK_NOT_APPLICABLE)
				live += cp->status_hits[s * CASECHECK_STATUS_COUNT + k];
		if (!live) {
			fprintf(fp, " %s", casecheck_policy_step(policy, s)->id);
			shown++;
		}
	}
	fputs(shown ? "\n" : " none\n", fp);
	fputs("  statuses never reached:", fp);
	shown = 0;
	for (k = 0; k < COV_STATUSES; k++)
		if (!status_total[k]) {
			fprintf(fp, " %s", cov_heads[k]);
			shown++;
		}
	fputs(shown ? "\n" : " none\n", fp);
	*cells += st_cells;
	*reached += st_reached;
}

double test_cov_print(const struct test_cov *cov, FILE *fp)
{
	size_t i, cells = 0, reached = 0;

	for (i = 0; i < cov->n; i++) {
		if (i > 0)
			fputc('\n', fp);
		cov_print_one(&cov->items[i], fp, &cells, &reached);
	}
	return cells ? 100.0 * (double)reached / (double)cells : 100.0;
}
