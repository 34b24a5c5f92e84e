/*
** mhd.c: opening libmicrohttpd at run time (mhd.h says why). Each pointer
** is checked against the header's declaration at compile time (an
** assignment in sizeof, which is never evaluated, so nothing links to the
** library), so a signature that drifts from the header is a build error.
*/
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>
#include "mhd.h"

/* The soname the build linked against (Makefile: MHD_SONAME). */
#ifndef CASECHECK_MHD_SONAME
#define CASECHECK_MHD_SONAME "libmicrohttpd.so.12"
#endif

/* Look NAME up into *SLOT (a function pointer's storage); 0 or -1. */
static int mhd_sym(struct mhd *api, const char *name, void *slot, char *err, size_t errlen)
{
	void *fn = dlsym(api->handle, name);

	if (!fn) {
		snprintf(err, errlen, "%s has no %s: %s", CASECHECK_MHD_SONAME, name, dlerror());
		return -1;
	}
	/* POSIX: a function pointer and void * have the same representation */
	memcpy(slot, &fn, sizeof(fn));
	return 0;
}

#define MHD_SYM(field, name) \
	((void)sizeof(api->field = name), mhd_sym(api, #name, &api->field, err, errlen))

int mhd_open(struct mhd *api, char *err, size_t errlen)
{
	memset(api, 0, sizeof(*api));
	api->handle = dlopen(CASECHECK_MHD_SONAME, RTLD_NOW | RTLD_LOCAL);
	if (!api->handle) {
		snprintf(err, errlen, "cannot load %s (libmicrohttpd, which 'exercise serve' needs): %s",
			 CASECHECK_MHD_SONAME, dlerror());
		return -1;
	}
	if (MHD_SYM(start_daemon, MHD_start_daemon) != 0 ||
	    MHD_SYM(stop_daemon, MHD_stop_daemon) != 0 ||
	    MHD_SYM(get_daemon_info, MHD_get_daemon_info) != 0 ||
	    MHD_SYM(create_response_from_buffer, MHD_create_response_from_buffer) != 0 ||
	    MHD_SYM(add_response_header, MHD_add_response_header) != 0 ||
	    MHD_SYM(queue_response, MHD_queue_response) != 0 ||
	    MHD_SYM(destroy_response, MHD_destroy_response) != 0) {
		mhd_close(api);
		return -1;
	}
	return 0;
}

void mhd_close(struct mhd *api)
{
	if (api->handle)
		dlclose(api->handle);
	memset(api, 0, sizeof(*api));
}
