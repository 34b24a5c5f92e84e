/*
** peak.c: run a command and report its peak resident set, for `make bench`.
**
**   peak COMMAND [ARGS...]
**
** Runs COMMAND as a child, waits for it, and writes one line to stderr:
**   "peak: maxrss_kb=N rc=R cpu_s=S"     (S: user + system CPU seconds)
** then exits with the child's exit code (128+signal if killed).
**
** Why not Python's resource.getrusage(RUSAGE_CHILDREN) or os.wait4 on a
** child forked by Python: Linux carries a process's high-water RSS across
** execve (the kernel folds the old address space's peak into the process's
** maxrss at exec), so a child forked from a ~10 MB Python reports at least
** ~10 MB however small the program it runs. A tiny launcher like this one
** (or GNU time) adds well under 1 MB instead.
*/
#define _DEFAULT_SOURCE
#include <stdio.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct rusage ru;
	pid_t pid;
	int status, rc;

	if (argc < 2) {
		fputs("usage: peak COMMAND [ARGS...]\n", stderr);
		return 2;
	}
	pid = fork();
	if (pid < 0) {
		perror("peak: fork");
		return 2;
	}
	if (pid == 0) {
		execvp(argv[1], argv + 1);
		perror(argv[1]);
		_exit(127);
	}
	if (wait4(pid, &status, 0, &ru) < 0) {
		perror("peak: wait4");
		return 2;
	}
	rc = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
	fprintf(stderr, "peak: maxrss_kb=%ld rc=%d cpu_s=%.4f\n", ru.ru_maxrss, rc,
		(double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
		(double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6);
	return rc;
}
