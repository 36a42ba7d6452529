/* The device layer: what differs between the CPU build (host memory, MPI collectives) and the
 * CUDA build (device memory, NCCL collectives on CUDA streams). Every program is written once
 * against this interface and linked with dev_cpu.c or dev_cuda.cu.
 *
 * A process drives `dev_local()` devices ("domains"); domain d of process p has the global rank
 * p * dev_local() + d among dev_size() domains. The CPU build has one domain per process; the
 * CUDA build one per GPU: one process per GPU (MPI bootstraps NCCL: rank 0 makes the unique id,
 * MPI_Bcast shares it) or one process for several GPUs (ncclCommInitAll, group calls).
 *
 * Each domain has a compute queue and a communication queue. Kernels (fill, softmax, Jacobi) go
 * on the compute queue; sends, receives and allreduces on the communication queue, which first
 * waits for the compute queue. dev_comm_wait() makes the compute queue wait for the
 * communication queue; dev_sync() waits for both from the host. */
#ifndef MLOPS_DEV_H
#define MLOPS_DEV_H
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum { DT_INT8, DT_UINT8, DT_INT32, DT_UINT32, DT_INT64, DT_UINT64, DT_FLOAT, DT_DOUBLE, DT_COUNT } dtype_t;
typedef enum { OP_SUM, OP_PROD, OP_MAX, OP_MIN, OP_COUNT } redop_t;

/* "cpu" or "cuda". */
const char *dev_build(void);
/* Sets up `local` domains in this process (after MPI_Init). Returns 0, or -1 with a message in err. */
int dev_setup(int local, char *err, size_t errlen);
void dev_teardown(void);
int dev_local(void);
int dev_size(void);
int dev_rank(int d);
/* A line that names the domain's device ("NVIDIA H200 [0000:19:00]", "CPU"). */
void dev_describe(int d, char *buf, size_t size);

void *dev_alloc(int d, size_t bytes);
void dev_release(int d, void *ptr);
void dev_upload(int d, void *dst, const void *src, size_t bytes);
void dev_download(int d, void *dst, const void *src, size_t bytes);
/* Waits for both queues of domain d. */
void dev_sync(int d);

/* Allreduce on domain d (send == recv: in place). Inside a group it is only queued. */
int dev_allreduce(int d, const void *send, void *recv, size_t count, dtype_t type, redop_t op);
/* A group of sends, receives and allreduces over the local domains, queued together. */
void dev_group_start(void);
void dev_group_end(void);
int dev_send(int d, const void *buf, size_t count, dtype_t type, int peer);
int dev_recv(int d, void *buf, size_t count, dtype_t type, int peer);
/* The compute queue of d waits for what the communication queue has queued so far. */
void dev_comm_wait(int d);

/* Read+write bandwidth of a device-to-device copy of `bytes`, GB/s (2 * bytes / time). */
double dev_copy_gbps(int d, size_t bytes, int iters);

/* Softmax pieces; every scalar argument is a pointer to one double in the domain's memory. */
void dev_softmax_fill(int d, double *x, size_t n, size_t first);
void dev_softmax_max(int d, const double *x, size_t n, double *out);
void dev_softmax_expsum(int d, const double *x, size_t n, const double *max, double *out);
void dev_softmax_scale(int d, const double *x, double *y, size_t n, const double *max, const double *sum);

/* Jacobi pieces on a domain of `rows` rows (plus a halo row above and below) of nx columns:
 * updates rows [from, to) (1-based local rows) of unew from u; columns 0 and nx-1 stay fixed. */
void dev_jacobi_rows(int d, const double *u, double *unew, int nx, int from, int to);
/* Sum over rows 1..rows of (unew - u)^2, into *out (domain memory). */
void dev_jacobi_diff2(int d, const double *u, const double *unew, int nx, int rows, double *out);

#ifdef __cplusplus
}
#endif
#endif
