/*
** html_assets.h: the style sheet and the script of the HTML report, inlined
** into every page so that it can be mailed or archived on its own.
*/
#ifndef CLI_HTML_ASSETS_H
#define CLI_HTML_ASSETS_H

extern const char html_css[];
extern const char html_js[];

#endif
