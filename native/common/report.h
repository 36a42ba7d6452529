/* Output shared by every program: wall-clock time, the host name, and JSON lines. Every JSON line
 * a program prints starts with {"bench":"NAME" so that a reader can tell it from the human text. */
#ifndef MLOPS_REPORT_H
#define MLOPS_REPORT_H
#include <stddef.h>
#include <stdio.h>

/* Seconds from a monotonic clock. */
double now_sec(void);
/* Milliseconds since the Unix epoch. */
long long epoch_ms(void);
/* This node's name (never NULL). */
const char *host_name(void);

/* A JSON object written into a fixed buffer, one field at a time. */
typedef struct {
  char text[4096];
  size_t len;
  int fields;
} json_t;

void json_begin(json_t *j, const char *bench);
void json_str(json_t *j, const char *key, const char *value);
void json_int(json_t *j, const char *key, long long value);
/* A non-finite value is written as null. */
void json_num(json_t *j, const char *key, double value);
void json_bool(json_t *j, const char *key, int value);
/* A raw JSON value (an object or array written by the caller). */
void json_raw(json_t *j, const char *key, const char *value);
/* Closes the object and prints it as one line on `out`, flushed. */
void json_end(json_t *j, FILE *out);
/* Writes a JSON string literal (quoted, escaped) into buf; returns the length written. */
size_t json_quote(char *buf, size_t size, const char *value);
#endif
