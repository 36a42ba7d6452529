/* Command-line helpers shared by every program: sizes with K/M/G suffixes, numbers, and a
 * uniform usage error (exit code 2, message on stderr). */
#ifndef MLOPS_ARGS_H
#define MLOPS_ARGS_H
#include <stddef.h>

/* Parses "8", "64K", "1M", "2G" (powers of 1024) into bytes; returns 0 on success. */
int parse_size(const char *text, size_t *out);
/* Parses a positive integer (at least `min`); returns 0 on success. */
int parse_int(const char *text, long min, long *out);
/* Parses a finite double; returns 0 on success. */
int parse_double(const char *text, double *out);
/* The value after option argv[*i] (and advances *i), or exits with a usage error naming it. */
const char *option_value(int argc, char **argv, int *i);
/* Prints "PROGRAM: MESSAGE" and the usage text on stderr, then exits with code 2. */
void usage_error(const char *program, const char *usage, const char *fmt, ...);
#endif
