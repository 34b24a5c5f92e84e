/*
** cli_escape.c: escaping untrusted text for the text and XML report
** families (see cli_escape.h).
*/
#include <string.h>
#include "cli_escape.h"
#include "utf8.h"

static void cli_hex_bytes(FILE *fp, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		fprintf(fp, "\\x%02x", (unsigned char)s[i]);
}

void cli_text_escape(FILE *fp, const char *s, const char *also)
{
	unsigned long cp;
	size_t n;

	while (s && *s) {
		n = utf8_decode(s, &cp);
		if (n == 0) {
			cli_hex_bytes(fp, s, 1);
			s++;
			continue;
		}
		if (cp == '\n')
			fputs("\\n", fp);
		else if (cp == '\t')
			fputs("\\t", fp);
		else if (cp == '\r')
			fputs("\\r", fp);
		else if (utf8_is_control(cp))
			cli_hex_bytes(fp, s, n);
		else {
			if (also && cp < 0x80 && strchr(also, (int)cp))
				fputc('\\', fp);
			fwrite(s, 1, n, fp);
		}
		s += n;
	}
}

void cli_xml_escape(FILE *fp, const char *s)
{
	unsigned long cp;
	size_t n;

	while (s && *s) {
		n = utf8_decode(s, &cp);
		if (n == 0 || cp == 0xfffe || cp == 0xffff) {
			fputs("\xef\xbf\xbd", fp);	/* U+FFFD */
			s += n ? n : 1;
			continue;
		}
		switch (cp) {
		case '&': fputs("&amp;", fp); break;
		case '<': fputs("&lt;", fp); break;
		case '>': fputs("&gt;", fp); break;
		case '"': fputs("&quot;", fp); break;
		case '\'': fputs("&apos;", fp); break;
		case '\n':
		case '\t':
		case '\r':
			fputc((int)cp, fp);
			break;
		default:
			if (utf8_is_control(cp))
				fputc('?', fp);
			else
				fwrite(s, 1, n, fp);
		}
		s += n;
	}
}
