#include "dtype.h"
#include <stdint.h>
#include <string.h>

static const char *const TYPE_NAMES[DT_COUNT] = {"int8", "uint8", "int32", "uint32", "int64", "uint64", "float", "double"};
static const size_t TYPE_SIZES[DT_COUNT] = {1, 1, 4, 4, 8, 8, 4, 8};
static const char *const OP_NAMES[OP_COUNT] = {"sum", "prod", "max", "min"};

const char *dtype_name(dtype_t t) { return TYPE_NAMES[t]; }
size_t dtype_size(dtype_t t) { return TYPE_SIZES[t]; }
const char *redop_name(redop_t op) { return OP_NAMES[op]; }

int dtype_parse(const char *name) {
  for (int t = 0; t < DT_COUNT; t++) if (strcmp(name, TYPE_NAMES[t]) == 0) return t;
  return -1;
}

int redop_parse(const char *name) {
  for (int op = 0; op < OP_COUNT; op++) if (strcmp(name, OP_NAMES[op]) == 0) return op;
  return -1;
}

double contribution(redop_t op, size_t i, int rank, int ranks) {
  switch (op) {
    case OP_SUM: return (double)((i + (size_t)rank) % 4);
    /* One rank contributes 2, the others 1: the product is 2 whatever the number of ranks. */
    case OP_PROD: return (i % (size_t)ranks) == (size_t)rank ? 2.0 : 1.0;
    case OP_MAX:
    case OP_MIN:
    default: return (double)((i * 3 + (size_t)rank * 5) % 11);
  }
}

double expected(redop_t op, size_t i, int ranks) {
  double acc = contribution(op, i, 0, ranks);
  for (int r = 1; r < ranks; r++) {
    double v = contribution(op, i, r, ranks);
    switch (op) {
      case OP_SUM: acc += v; break;
      case OP_PROD: acc *= v; break;
      case OP_MAX: acc = v > acc ? v : acc; break;
      case OP_MIN: default: acc = v < acc ? v : acc; break;
    }
  }
  return acc;
}

void store(void *buf, dtype_t t, size_t i, double v) {
  switch (t) {
    case DT_INT8: ((int8_t *)buf)[i] = (int8_t)v; break;
    case DT_UINT8: ((uint8_t *)buf)[i] = (uint8_t)v; break;
    case DT_INT32: ((int32_t *)buf)[i] = (int32_t)v; break;
    case DT_UINT32: ((uint32_t *)buf)[i] = (uint32_t)v; break;
    case DT_INT64: ((int64_t *)buf)[i] = (int64_t)v; break;
    case DT_UINT64: ((uint64_t *)buf)[i] = (uint64_t)v; break;
    case DT_FLOAT: ((float *)buf)[i] = (float)v; break;
    case DT_DOUBLE: default: ((double *)buf)[i] = v; break;
  }
}

double load(const void *buf, dtype_t t, size_t i) {
  switch (t) {
    case DT_INT8: return ((const int8_t *)buf)[i];
    case DT_UINT8: return ((const uint8_t *)buf)[i];
    case DT_INT32: return ((const int32_t *)buf)[i];
    case DT_UINT32: return ((const uint32_t *)buf)[i];
    case DT_INT64: return (double)((const int64_t *)buf)[i];
    case DT_UINT64: return (double)((const uint64_t *)buf)[i];
    case DT_FLOAT: return ((const float *)buf)[i];
    case DT_DOUBLE: default: return ((const double *)buf)[i];
  }
}
