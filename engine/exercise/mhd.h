/*
** mhd.h: libmicrohttpd, opened at run time by the exercise server only.
** Linking it would make every casecheck process load it and its TLS stack
** (GnuTLS, nettle, gmp, p11-kit...: ten libraries), which cost a one-fixture
** 'run' more than its own work; 'exercise serve' is the one command that
** needs it, so it alone opens it (dlopen), by the soname the build found.
*/
#ifndef CASECHECK_EXERCISE_MHD_H
#define CASECHECK_EXERCISE_MHD_H

#include <stddef.h>
#include <stdint.h>
#include <microhttpd.h>

/* The libmicrohttpd functions the server calls, with the header's types. */
struct mhd {
	void *handle;
	struct MHD_Daemon *(*start_daemon)(unsigned int flags, uint16_t port,
					   MHD_AcceptPolicyCallback apc, void *apc_cls,
					   MHD_AccessHandlerCallback dh, void *dh_cls, ...);
	void (*stop_daemon)(struct MHD_Daemon *daemon);
	const union MHD_DaemonInfo *(*get_daemon_info)(struct MHD_Daemon *daemon,
						       enum MHD_DaemonInfoType info_type, ...);
	struct MHD_Response *(*create_response_from_buffer)(size_t size, void *buffer,
							    enum MHD_ResponseMemoryMode mode);
	enum MHD_Result (*add_response_header)(struct MHD_Response *response,
					       const char *header, const char *content);
	enum MHD_Result (*queue_response)(struct MHD_Connection *connection,
					  unsigned int status_code, struct MHD_Response *response);
	void (*destroy_response)(struct MHD_Response *response);
};

/*
** Open the library into API: 0, or -1 with why in ERR (the soname and
** dlerror's text).
*/
int mhd_open(struct mhd *api, char *err, size_t errlen);
void mhd_close(struct mhd *api);

#endif
