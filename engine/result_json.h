/*
** result_json.h: the case entry of casecheck/report@1, written once for both
** the library's casecheck_result_json and the CLI's streamed report, so that
** the two can never drift apart.
*/
#ifndef CASECHECK_RESULT_JSON_H
#define CASECHECK_RESULT_JSON_H

#include "casecheck.h"
#include "json_writer.h"

/*
** The members of a case entry, in the report's order: id, file, sha256,
** as_of, summary (a count per status), findings. W is inside an object the
** caller opened (and may add members to before closing it).
*/
void result_json_members(struct json_writer *w, const struct casecheck_result *r);

#endif
