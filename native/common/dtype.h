/* Element types and reduction operations by their nccl-tests names, and the values that the
 * allreduce benchmark puts in and expects out (small integers, so every sum is exact). */
#ifndef MLOPS_DTYPE_H
#define MLOPS_DTYPE_H
#include <stddef.h>
#include "../dev/dev.h"

const char *dtype_name(dtype_t t);
size_t dtype_size(dtype_t t);
/* Returns -1 when the name is unknown. */
int dtype_parse(const char *name);
const char *redop_name(redop_t op);
int redop_parse(const char *name);

/* What rank `rank` of `ranks` contributes at element i. */
double contribution(redop_t op, size_t i, int rank, int ranks);
/* The reduction of every rank's contribution at element i. */
double expected(redop_t op, size_t i, int ranks);
/* Stores v as element i of a buffer of type t / reads element i back as a double. */
void store(void *buf, dtype_t t, size_t i, double v);
double load(const void *buf, dtype_t t, size_t i);
#endif
