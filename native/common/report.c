#define _POSIX_C_SOURCE 200809L
#include "report.h"
#include <math.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

double now_sec(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

long long epoch_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  return (long long)ts.tv_sec * 1000LL + ts.tv_nsec / 1000000L;
}

const char *host_name(void) {
  static char name[256];
  if (name[0] == '\0' && gethostname(name, sizeof name - 1) != 0) strcpy(name, "localhost");
  return name;
}

static void append(json_t *j, const char *text) {
  size_t n = strlen(text);
  if (j->len + n >= sizeof j->text) n = sizeof j->text - 1 - j->len;
  memcpy(j->text + j->len, text, n);
  j->len += n;
  j->text[j->len] = '\0';
}

size_t json_quote(char *buf, size_t size, const char *value) {
  size_t o = 0;
  if (size < 3) return 0;
  buf[o++] = '"';
  for (const unsigned char *p = (const unsigned char *)value; *p != '\0' && o + 7 < size; p++) {
    if (*p == '"' || *p == '\\') {
      buf[o++] = '\\';
      buf[o++] = (char)*p;
    } else if (*p < 0x20) {
      o += (size_t)snprintf(buf + o, size - o, "\\u%04x", *p);
    } else {
      buf[o++] = (char)*p;
    }
  }
  buf[o++] = '"';
  buf[o] = '\0';
  return o;
}

static void key(json_t *j, const char *name) {
  char quoted[128];
  if (j->fields++ > 0) append(j, ",");
  json_quote(quoted, sizeof quoted, name);
  append(j, quoted);
  append(j, ":");
}

void json_begin(json_t *j, const char *bench) {
  j->len = 0;
  j->fields = 0;
  j->text[0] = '\0';
  append(j, "{");
  json_str(j, "bench", bench);
}

void json_str(json_t *j, const char *name, const char *value) {
  char quoted[1024];
  key(j, name);
  json_quote(quoted, sizeof quoted, value);
  append(j, quoted);
}

void json_int(json_t *j, const char *name, long long value) {
  char text[32];
  key(j, name);
  snprintf(text, sizeof text, "%lld", value);
  append(j, text);
}

void json_num(json_t *j, const char *name, double value) {
  char text[64];
  key(j, name);
  if (isfinite(value)) {
    snprintf(text, sizeof text, "%.10g", value);
    append(j, text);
  } else {
    append(j, "null");
  }
}

void json_bool(json_t *j, const char *name, int value) {
  key(j, name);
  append(j, value ? "true" : "false");
}

void json_raw(json_t *j, const char *name, const char *value) {
  key(j, name);
  append(j, value);
}

void json_end(json_t *j, FILE *out) {
  append(j, "}");
  fprintf(out, "%s\n", j->text);
  fflush(out);
}
