/*
** check_suggest.c: did-you-mean as a user meets it: a typo, a swapped pair
** of letters, a wrong case or a cut-off name finds the intended one, and a
** name close to nothing gets no suggestion.
*/
#include <string.h>
#include <check.h>
#include "suggest.h"

static const char *const types[] = {
	"psd_referral", "home_force_notified", "conduct_recorded", "conduct_closed",
	"victim_contacted", "iopc_referred", "iopc_call_in"
};
#define N_TYPES (sizeof(types) / sizeof(types[0]))

START_TEST(test_distance)
{
	ck_assert_int_eq(suggest_distance("", ""), 0);
	ck_assert_int_eq(suggest_distance("abc", ""), 3);
	ck_assert_int_eq(suggest_distance("kitten", "sitting"), 3);
	/* a transposition is one edit, not two */
	ck_assert_int_eq(suggest_distance("catagories", "categories"), 1);
	ck_assert_int_eq(suggest_distance("ab", "ba"), 1);
	ck_assert_int_eq(suggest_distance("MPS", "mps"), 0);
}
END_TEST

START_TEST(test_suggestions)
{
	ck_assert_str_eq(suggest_best("psd_refferal", types, N_TYPES), "psd_referral");
	ck_assert_str_eq(suggest_best("conduct_recroded", types, N_TYPES), "conduct_recorded");
	ck_assert_str_eq(suggest_best("PSD_REFERRAL", types, N_TYPES), "psd_referral");
	/* a prefix of a longer name */
	ck_assert_str_eq(suggest_best("home_force", types, N_TYPES), "home_force_notified");
	/* ties go to the earlier candidate */
	ck_assert_str_eq(suggest_best("conduct_close", types, N_TYPES), "conduct_closed");
	ck_assert_ptr_null(suggest_best("arrested", types, N_TYPES));
	ck_assert_ptr_null(suggest_best("zz", types, N_TYPES));
	/* the word itself is no suggestion */
	ck_assert_ptr_null(suggest_best("iopc_referred", types, 1));
}
END_TEST

START_TEST(test_short_and_long)
{
	static const char *const ids[] = { "a1", "a2", "MPS", NULL };
	char longword[200];

	/* short words still allow one edit */
	ck_assert_str_eq(suggest_best("a3", ids, 3), "a1");
	ck_assert_str_eq(suggest_best("MSP", ids, 4), "MPS");
	memset(longword, 'x', sizeof(longword) - 1);
	longword[sizeof(longword) - 1] = '\0';
	ck_assert_ptr_null(suggest_best(longword, ids, 3));
}
END_TEST

Suite *suggest_suite(void);

Suite *suggest_suite(void)
{
	Suite *s = suite_create("suggest");
	TCase *tc = tcase_create("suggest");

	tcase_add_test(tc, test_distance);
	tcase_add_test(tc, test_suggestions);
	tcase_add_test(tc, test_short_and_long);
	suite_add_tcase(s, tc);
	return s;
}
