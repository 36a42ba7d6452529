/* The CPU build of the device layer: host memory, MPI collectives, plain loops. */
#include "dev.h"
#include <math.h>
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../common/problems.h"
#include "../common/report.h"

#define MAX_PENDING 64

static int world_rank, world_size;
static MPI_Request pending[MAX_PENDING];
static int npending;

static MPI_Datatype mpi_type(dtype_t t) {
  static const MPI_Datatype TYPES[DT_COUNT] = {MPI_INT8_T, MPI_UINT8_T, MPI_INT32_T, MPI_UINT32_T, MPI_INT64_T, MPI_UINT64_T, MPI_FLOAT, MPI_DOUBLE};
  return TYPES[t];
}

static MPI_Op mpi_op(redop_t op) {
  static const MPI_Op OPS[OP_COUNT] = {MPI_SUM, MPI_PROD, MPI_MAX, MPI_MIN};
  return OPS[op];
}

const char *dev_build(void) { return "cpu"; }

int dev_setup(int local, char *err, size_t errlen) {
  MPI_Comm_rank(MPI_COMM_WORLD, &world_rank);
  MPI_Comm_size(MPI_COMM_WORLD, &world_size);
  if (local != 1) {
    snprintf(err, errlen, "the CPU build drives one domain per process (-g 1); start more ranks with mpiexec -n instead");
    return -1;
  }
  return 0;
}

void dev_teardown(void) {}
int dev_local(void) { return 1; }
int dev_size(void) { return world_size; }
int dev_rank(int d) { (void)d; return world_rank; }
void dev_describe(int d, char *buf, size_t size) { (void)d; snprintf(buf, size, "CPU (MPI, no GPU)"); }

void *dev_alloc(int d, size_t bytes) {
  (void)d;
  void *p = calloc(1, bytes == 0 ? 1 : bytes);
  if (p == NULL) {
    fprintf(stderr, "out of host memory allocating %zu bytes\n", bytes);
    MPI_Abort(MPI_COMM_WORLD, 1);
  }
  return p;
}

void dev_release(int d, void *ptr) { (void)d; free(ptr); }
void dev_upload(int d, void *dst, const void *src, size_t bytes) { (void)d; memcpy(dst, src, bytes); }
void dev_download(int d, void *dst, const void *src, size_t bytes) { (void)d; memcpy(dst, src, bytes); }
void dev_sync(int d) { dev_comm_wait(d); }

int dev_allreduce(int d, const void *send, void *recv, size_t count, dtype_t type, redop_t op) {
  (void)d;
  return MPI_Allreduce(send == recv ? MPI_IN_PLACE : send, recv, (int)count, mpi_type(type), mpi_op(op), MPI_COMM_WORLD) == MPI_SUCCESS ? 0 : -1;
}

void dev_group_start(void) {}
void dev_group_end(void) {}

int dev_send(int d, const void *buf, size_t count, dtype_t type, int peer) {
  (void)d;
  if (npending == MAX_PENDING) return -1;
  return MPI_Isend(buf, (int)count, mpi_type(type), peer, 0, MPI_COMM_WORLD, &pending[npending++]) == MPI_SUCCESS ? 0 : -1;
}

int dev_recv(int d, void *buf, size_t count, dtype_t type, int peer) {
  (void)d;
  if (npending == MAX_PENDING) return -1;
  return MPI_Irecv(buf, (int)count, mpi_type(type), peer, 0, MPI_COMM_WORLD, &pending[npending++]) == MPI_SUCCESS ? 0 : -1;
}

void dev_comm_wait(int d) {
  (void)d;
  MPI_Status statuses[MAX_PENDING];
  if (npending > 0) MPI_Waitall(npending, pending, statuses);
  npending = 0;
}

double dev_copy_gbps(int d, size_t bytes, int iters) {
  char *a = (char *)dev_alloc(d, bytes);
  char *b = (char *)dev_alloc(d, bytes);
  memset(a, 1, bytes);
  memcpy(b, a, bytes);
  double t0 = now_sec();
  for (int i = 0; i < iters; i++) memcpy((i & 1) ? a : b, (i & 1) ? b : a, bytes);
  double t = now_sec() - t0;
  volatile char sink = a[bytes / 2] + b[bytes / 3];
  (void)sink;
  dev_release(d, a);
  dev_release(d, b);
  return t > 0 ? 2.0 * (double)bytes * iters / t / 1e9 : 0.0;
}

void dev_softmax_fill(int d, double *x, size_t n, size_t first) {
  (void)d;
  for (size_t i = 0; i < n; i++) x[i] = softmax_input(first + i);
}

void dev_softmax_max(int d, const double *x, size_t n, double *out) {
  (void)d;
  double m = -INFINITY;
  for (size_t i = 0; i < n; i++) m = x[i] > m ? x[i] : m;
  *out = m;
}

void dev_softmax_expsum(int d, const double *x, size_t n, const double *max, double *out) {
  (void)d;
  double s = 0.0;
  for (size_t i = 0; i < n; i++) s += exp(x[i] - *max);
  *out = s;
}

void dev_softmax_scale(int d, const double *x, double *y, size_t n, const double *max, const double *sum) {
  (void)d;
  for (size_t i = 0; i < n; i++) y[i] = exp(x[i] - *max) / *sum;
}

void dev_jacobi_rows(int d, const double *u, double *unew, int nx, int from, int to) {
  (void)d;
  for (int r = from; r < to; r++) {
    const double *up = u + (size_t)(r - 1) * nx, *mid = u + (size_t)r * nx, *down = u + (size_t)(r + 1) * nx;
    double *out = unew + (size_t)r * nx;
    for (int c = 1; c < nx - 1; c++) out[c] = 0.25 * (up[c] + down[c] + mid[c - 1] + mid[c + 1]);
  }
}

void dev_jacobi_diff2(int d, const double *u, const double *unew, int nx, int rows, double *out) {
  (void)d;
  double s = 0.0;
  for (size_t i = (size_t)nx; i < (size_t)(rows + 1) * nx; i++) {
    double e = unew[i] - u[i];
    s += e * e;
  }
  *out = s;
}
