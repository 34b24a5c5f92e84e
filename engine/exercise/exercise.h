/*
** exercise.h: the training exercise behind `casecheck exercise serve`: scenario
** files (scenario.c, format in docs/exercise.md), playing a trainee's
** decisions against one (play.c, on the public API only), and the local web
** server that shows it in a browser (server.c, results.c).
*/
#ifndef CASECHECK_EXERCISE_H
#define CASECHECK_EXERCISE_H

#include <stddef.h>
#include <jansson.h>
#include "casecheck.h"

#define EXERCISE_SCENARIO_FORMAT "casecheck/scenario@1"
#define EXERCISE_RUN_FORMAT "casecheck/exercise-run@1"
#define EXERCISE_MAX_DECISIONS 64	/* per run: a scenario needs a handful */
#define EXERCISE_MAX_NOTE 2000		/* bytes of a trainee's note */

/* A decision the trainee may take: an event type with fixed fields and a prompt. */
struct exercise_decision {
	char *id;			/* "refer-psd": what the page sends back */
	char *type;			/* the event type it adds */
	char *prompt;			/* what the page shows */
	json_t *fields;			/* fixed fields of the event (an object; owned) */
	char *choose;			/* an enum field the trainee picks, or NULL */
	const char *const *choices;	/* its values (the vocabulary's), or NULL */
};

struct exercise_scenario {
	char *file;			/* where it was read from */
	char *id, *title, *briefing;
	char *policy;			/* policy name, as a fixture names it */
	char *start, *end;		/* "YYYY-MM-DD": the decision point, the end of the clock */
	char *matter;			/* the allegation the decisions are about */
	char *case_text;		/* the fixture, as JSON text */
	struct exercise_decision *decisions;
	size_t n_decisions;
	char *summary;			/* the debrief's closing words */
	json_t *advice;			/* debrief: step id -> what should have happened (owned) */
	json_t *unscored;		/* debrief: step ids shown but not scored (owned), or NULL */
};

/*
** Read and check scenario file PATH: its own fields, its case (as the loader
** checks a fixture, under POLICY) and every decision (added once to a copy
** of the case on the start date, so that a wrong field fails here and not in
** front of a trainee). 0, or -1 with every problem in ERRS.
*/
int exercise_scenario_load(struct exercise_scenario *sc, const char *path,
			   struct casecheck_engine *engine, const char *search_path,
			   struct casecheck_errors *errs);
void exercise_scenario_free(struct exercise_scenario *sc);

/* Decision D's event ID on DATE about MATTER, with CHOICE for its chosen field (new). */
struct casecheck_event_builder *exercise_decision_event(const struct exercise_decision *d,
							const char *matter, const char *id,
							const char *date, const char *choice);

/* "YYYY-MM-DD" in shape (the calendar's own check comes from the library). */
int exercise_is_day(const char *s);

/* What one thread needs to play: its engine, the policies and each scenario's case. */
struct exercise_worker;

struct exercise_worker *exercise_worker_new(const struct exercise_scenario *scenarios, size_t n,
					    const char *search_path,
					    const struct casecheck_limits *limits,
					    struct casecheck_error *err);
void exercise_worker_free(struct exercise_worker *w);

/* An answer to a request: an HTTP status and a JSON body (owned). */
struct exercise_reply {
	int status;
	json_t *body;
};

/*
** Play REQUEST ({"scenario", "decisions", "clock"}; already checked for
** its shape by the server) on scenario SC (index I of the worker's). FINAL:
** judge as of the scenario's end and add the debrief. Fills REPLY.
*/
void exercise_play(struct exercise_worker *w, size_t i, const json_t *request, int final,
		   struct exercise_reply *reply);

/* An error reply: {"error": TEXT} with STATUS. */
void exercise_reply_error(struct exercise_reply *reply, int status, const char *fmt, ...)
#ifdef __GNUC__
	__attribute__((format(printf, 3, 4)))
#endif
	;

/* The server's settings. */
struct exercise_options {
	const char *bind;		/* "127.0.0.1" */
	unsigned port;			/* 0: any free port (printed) */
	const char *static_dir;		/* the page's files */
	const char *results_dir;	/* where finished runs go */
	unsigned threads;		/* worker threads, each with its own engine */
	unsigned max_connections;
	struct casecheck_limits limits;	/* budgets of every evaluation */
	const char *search_path;	/* for the scenarios' policies */
	double seconds;			/* stop after this long (tests); 0: until a signal */
};

/* Serve SCENARIOS until SIGINT/SIGTERM (or OPTS->seconds). Returns an exit code. */
int exercise_serve(const struct exercise_scenario *scenarios, size_t n,
		   const struct exercise_options *opts);

/*
** Write DOC as RESULTS_DIR/NAME.json atomically: a temporary file in the same
** directory, flushed to disk, then renamed. 0, or -1 with errno.
*/
int exercise_save_run(const char *results_dir, const char *name, const json_t *doc);

#endif
