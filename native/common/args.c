#include "args.h"
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *current_program = "mlops-native";
static const char *current_usage = "";

int parse_size(const char *text, size_t *out) {
  char *end = NULL;
  errno = 0;
  unsigned long long value = strtoull(text, &end, 10);
  if (errno != 0 || end == text || text[0] == '-') return -1;
  unsigned long long scale = 1;
  switch (toupper((unsigned char)*end)) {
    case '\0': break;
    case 'K': scale = 1ULL << 10; end++; break;
    case 'M': scale = 1ULL << 20; end++; break;
    case 'G': scale = 1ULL << 30; end++; break;
    default: return -1;
  }
  if (*end == 'B' || *end == 'b') end++;
  if (*end != '\0') return -1;
  *out = (size_t)(value * scale);
  return 0;
}

int parse_int(const char *text, long min, long *out) {
  char *end = NULL;
  errno = 0;
  long value = strtol(text, &end, 10);
  if (errno != 0 || end == text || *end != '\0' || value < min) return -1;
  *out = value;
  return 0;
}

int parse_double(const char *text, double *out) {
  char *end = NULL;
  errno = 0;
  double value = strtod(text, &end);
  if (errno != 0 || end == text || *end != '\0' || !isfinite(value)) return -1;
  *out = value;
  return 0;
}

void usage_error(const char *program, const char *usage, const char *fmt, ...) {
  va_list ap;
  current_program = program;
  current_usage = usage;
  fprintf(stderr, "%s: ", program);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fprintf(stderr, "\n%s", usage);
  exit(2);
}

const char *option_value(int argc, char **argv, int *i) {
  if (*i + 1 >= argc) usage_error(current_program, current_usage, "option %s needs a value", argv[*i]);
  *i += 1;
  return argv[*i];
}
