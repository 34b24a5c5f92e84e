/*
** sandbox_watchdog.c: the wall-clock backstop of a sandbox. The count hook
** reads the clock only while it runs, and in guarded mode it runs only
** around policy code; the engine's own scripts, and anything a future bug
** lets run unhooked, would outlive the time budget. So each sandbox has a
** helper thread that sleeps until the deadline of the call in flight and
** then arms the count hook at every instruction (lua_sethook is documented
** as safe to call asynchronously), again every SANDBOX_WATCHDOG_REARM_MS
** until the call ends, because the engine's guard may re-arm the hook
** meanwhile. The hook then finds the deadline passed and raises the time
** trip, which is sticky: every instruction after it raises again, and no
** policy handler runs after a trip (sandbox_env.c), so the evaluation
** unwinds at the next instruction wherever it is.
**
** What it cannot stop: a single C function that never returns to the VM.
** Every allowed C function is therefore bounded before it starts
** (sandbox_env.c charges or refuses its work), and the watchdog is the
** backstop for Lua code, not for C.
**
** State: everything is in the sandbox's struct sandbox_watchdog, guarded by
** its mutex; there is no global. The thread never touches the Lua state
** except through lua_sethook.
**
** Wake-ups: arming and disarming happen around every sandbox_pcall, several
** times per case. They signal the thread only when it waits for no call at
** all, or would sleep past the new deadline; otherwise it wakes at the
** deadline it slept towards, finds the new one (or none) and sleeps again.
** So a run of calls wakes it about once per time budget, not twice per
** call: with `run -j 2` those wake-ups took a core from the workers.
*/
#include <errno.h>
#include <string.h>
#include <time.h>
#include "sandbox_priv.h"

/* How often the hook is armed again after the deadline, while the call runs. */
#define SANDBOX_WATCHDOG_REARM_MS 10

static void timespec_add_ms(struct timespec *t, long ms)
{
	t->tv_sec += ms / 1000;
	t->tv_nsec += (ms % 1000) * 1000000L;
	if (t->tv_nsec >= 1000000000L) {
		t->tv_sec++;
		t->tv_nsec -= 1000000000L;
	}
}

static int timespec_before(const struct timespec *a, const struct timespec *b)
{
	return a->tv_sec < b->tv_sec || (a->tv_sec == b->tv_sec && a->tv_nsec < b->tv_nsec);
}

/* The thread: wait for a call in flight, sleep until its deadline, arm. */
static void *watchdog_main(void *arg)
{
	struct sandbox *sb = arg;
	struct sandbox_watchdog *w = &sb->watchdog;
	struct timespec now, wake;
	unsigned long gen;

	pthread_mutex_lock(&w->mu);
	while (!w->quit) {
		if (!w->busy) {
			w->waiting = 1;
			pthread_cond_wait(&w->cv, &w->mu);
			w->waiting = 0;
			continue;
		}
		gen = w->gen;
		wake = w->deadline;
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (timespec_before(&now, &wake)) {
			w->waiting = 2;
			w->wake = wake;
			pthread_cond_timedwait(&w->cv, &w->mu, &wake);
			w->waiting = 0;
			continue;	/* woken early, or the deadline: look again */
		}
		/* the call in flight has overrun its deadline */
		w->fired++;
		pthread_mutex_unlock(&w->mu);
		lua_sethook(w->L, w->hook, LUA_MASKCOUNT, 1);
		pthread_mutex_lock(&w->mu);
		while (!w->quit && w->busy && w->gen == gen) {
			clock_gettime(CLOCK_MONOTONIC, &wake);
			timespec_add_ms(&wake, SANDBOX_WATCHDOG_REARM_MS);
			if (pthread_cond_timedwait(&w->cv, &w->mu, &wake) != ETIMEDOUT)
				continue;
			if (w->quit || !w->busy || w->gen != gen)
				break;
			pthread_mutex_unlock(&w->mu);
			lua_sethook(w->L, w->hook, LUA_MASKCOUNT, 1);
			pthread_mutex_lock(&w->mu);
		}
	}
	pthread_mutex_unlock(&w->mu);
	return NULL;
}

int sandbox_watchdog_start(struct sandbox *sb, lua_Hook hook)
{
	struct sandbox_watchdog *w = &sb->watchdog;
	pthread_condattr_t attr;

	memset(w, 0, sizeof(*w));
	w->L = sb->L;
	w->hook = hook;
	if (pthread_mutex_init(&w->mu, NULL) != 0)
		return -1;
	if (pthread_condattr_init(&attr) != 0)
		goto no_cond;
	/* deadlines are CLOCK_MONOTONIC, like the hook's */
	if (pthread_condattr_setclock(&attr, CLOCK_MONOTONIC) != 0 ||
	    pthread_cond_init(&w->cv, &attr) != 0) {
		pthread_condattr_destroy(&attr);
		goto no_cond;
	}
	pthread_condattr_destroy(&attr);
	if (pthread_create(&w->thread, NULL, watchdog_main, sb) != 0) {
		pthread_cond_destroy(&w->cv);
		goto no_cond;
	}
	w->started = 1;
	return 0;
no_cond:
	pthread_mutex_destroy(&w->mu);
	return -1;
}

void sandbox_watchdog_stop(struct sandbox *sb)
{
	struct sandbox_watchdog *w = &sb->watchdog;

	if (!w->started)
		return;
	pthread_mutex_lock(&w->mu);
	w->quit = 1;
	pthread_cond_signal(&w->cv);
	pthread_mutex_unlock(&w->mu);
	pthread_join(w->thread, NULL);
	pthread_cond_destroy(&w->cv);
	pthread_mutex_destroy(&w->mu);
	w->started = 0;
}

void sandbox_watchdog_arm(struct sandbox *sb)
{
	struct sandbox_watchdog *w = &sb->watchdog;

	if (!w->started || w->depth++ > 0)
		return;
	pthread_mutex_lock(&w->mu);
	w->busy = 1;
	w->gen++;
	w->deadline = sb->deadline;
	if (w->waiting == 1 || (w->waiting == 2 && timespec_before(&w->deadline, &w->wake)))
		pthread_cond_signal(&w->cv);
	pthread_mutex_unlock(&w->mu);
}

void sandbox_watchdog_disarm(struct sandbox *sb)
{
	struct sandbox_watchdog *w = &sb->watchdog;

	if (!w->started || --w->depth > 0)
		return;
	/* no signal: the thread finds no call in flight when it next looks */
	pthread_mutex_lock(&w->mu);
	w->busy = 0;
	w->gen++;
	pthread_mutex_unlock(&w->mu);
}

/*
** Move the deadline of the budget (and of the call in flight) later, to TO,
** unless it has already passed: then it stays, and 0 is returned. Checked
** under the thread's mutex, so the thread has not fired for the old
** deadline (it fires only once that has passed, by the same monotonic
** clock): the hook, armed at every instruction only by a trip or a firing,
** keeps counting instructions as armed. Asleep towards the old deadline,
** the thread finds the new one when it wakes.
*/
int sandbox_watchdog_move_deadline(struct sandbox *sb, const struct timespec *to)
{
	struct sandbox_watchdog *w = &sb->watchdog;
	struct timespec now;
	int moved = 0;

	if (w->started)
		pthread_mutex_lock(&w->mu);
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (timespec_before(&now, &sb->deadline)) {
		sb->deadline = *to;
		if (w->busy)
			w->deadline = *to;
		moved = 1;
	}
	if (w->started)
		pthread_mutex_unlock(&w->mu);
	return moved;
}

unsigned long sandbox_watchdog_fired(struct sandbox *sb)
{
	struct sandbox_watchdog *w = &sb->watchdog;
	unsigned long n;

	if (!w->started)
		return 0;
	pthread_mutex_lock(&w->mu);
	n = w->fired;
	pthread_mutex_unlock(&w->mu);
	return n;
}
