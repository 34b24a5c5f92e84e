/*
** cli_escape.h: how untrusted text (file names, fixture titles and ids,
** messages) is written in each report family (cli_escape.c); JSON strings,
** which TAP's YAML reuses, are written by json_put_string (json_writer.h).
** A file name may hold any byte and a title any character: neither may
** reach a terminal as a control sequence, nor make a report ill-formed.
*/
#ifndef CLI_ESCAPE_H
#define CLI_ESCAPE_H

#include <stdio.h>

/*
** Text for a terminal (the text report, TAP descriptions): control
** characters (C0, DEL, C1) as \n, \t, \r or \xHH for each of their bytes,
** each invalid UTF-8 byte as \xHH; every character of ALSO (may be NULL)
** preceded by a backslash. S NULL writes nothing.
*/
void cli_text_escape(FILE *fp, const char *s, const char *also);

/*
** XML text or attribute value (JUnit, the XHTML report): &, <, >, " and '
** as entities; newline, tab and carriage return kept, other control
** characters as '?' (XML 1.0 cannot hold them); each invalid UTF-8 byte,
** U+FFFE and U+FFFF as U+FFFD. S NULL writes nothing.
*/
void cli_xml_escape(FILE *fp, const char *s);

#endif
