/* The CUDA build of the device layer: device memory, NCCL collectives on a communication stream,
 * kernels on a compute stream. One process per GPU: MPI bootstraps NCCL (rank 0 calls
 * ncclGetUniqueId, MPI_Bcast shares it, ncclCommInitRank). One process with several GPUs:
 * ncclCommInitAll, and every collective of the local GPUs inside one NCCL group. */
#include <cuda_runtime.h>
#include <math.h>
#include <mpi.h>
#include <nccl.h>
#include <stdio.h>
#include <stdlib.h>
#include "dev.h"
#include "../common/problems.h"

#define MAX_LOCAL 16

typedef struct {
  int device, rank;
  cudaStream_t compute, comm;
  cudaEvent_t computed, communicated;
  ncclComm_t nccl;
} gpu_t;

static gpu_t gpus[MAX_LOCAL];
static int nlocal, nglobal;
/* Per-domain scratch for the partial results of the two-pass reductions. */
static double *scratch[MAX_LOCAL];

#define CUDA_OK(call) cuda_ok((call), #call, __FILE__, __LINE__)
#define NCCL_OK(call) nccl_ok((call), #call, __FILE__, __LINE__)

static void cuda_ok(cudaError_t e, const char *what, const char *file, int line) {
  if (e == cudaSuccess) return;
  fprintf(stderr, "%s:%d: %s failed: %s (%s)\n", file, line, what, cudaGetErrorString(e), cudaGetErrorName(e));
  MPI_Abort(MPI_COMM_WORLD, 1);
}

static int nccl_ok(ncclResult_t r, const char *what, const char *file, int line) {
  if (r == ncclSuccess) return 0;
  fprintf(stderr, "%s:%d: %s failed: %s\n", file, line, what, ncclGetErrorString(r));
  MPI_Abort(MPI_COMM_WORLD, 1);
  return -1;
}

static ncclDataType_t nccl_type(dtype_t t) {
  static const ncclDataType_t TYPES[DT_COUNT] = {ncclInt8, ncclUint8, ncclInt32, ncclUint32, ncclInt64, ncclUint64, ncclFloat32, ncclFloat64};
  return TYPES[t];
}

static ncclRedOp_t nccl_op(redop_t op) {
  static const ncclRedOp_t OPS[OP_COUNT] = {ncclSum, ncclProd, ncclMax, ncclMin};
  return OPS[op];
}

extern "C" const char *dev_build(void) { return "cuda"; }

static int pick_devices(int local, int rank, char *err, size_t errlen) {
  int count = 0;
  cudaError_t e = cudaGetDeviceCount(&count);
  if (e != cudaSuccess) {
    snprintf(err, errlen, "no usable CUDA device: %s (is the NVIDIA driver loaded? nvidia-smi should list the GPUs)", cudaGetErrorString(e));
    return -1;
  }
  if (local > count) {
    snprintf(err, errlen, "-g %d asks for more GPUs than the %d this process sees", local, count);
    return -1;
  }
  /* One GPU per process: ranks on a node take GPUs round-robin (set CUDA_VISIBLE_DEVICES to pin). */
  MPI_Comm node;
  int node_rank = 0;
  MPI_Comm_split_type(MPI_COMM_WORLD, MPI_COMM_TYPE_SHARED, rank, MPI_INFO_NULL, &node);
  MPI_Comm_rank(node, &node_rank);
  MPI_Comm_free(&node);
  for (int d = 0; d < local; d++) gpus[d].device = local == 1 ? node_rank % count : d;
  return 0;
}

extern "C" int dev_setup(int local, char *err, size_t errlen) {
  int rank = 0, size = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  if (local > MAX_LOCAL) {
    snprintf(err, errlen, "at most %d GPUs per process", MAX_LOCAL);
    return -1;
  }
  if (local > 1 && size > 1) {
    snprintf(err, errlen, "-g %d drives several GPUs from one process: start one process (no mpiexec -n), or one process per GPU with -g 1", local);
    return -1;
  }
  if (pick_devices(local, rank, err, errlen) != 0) return -1;
  nlocal = local;
  nglobal = size * local;
  for (int d = 0; d < local; d++) {
    gpu_t *g = &gpus[d];
    g->rank = rank * local + d;
    CUDA_OK(cudaSetDevice(g->device));
    CUDA_OK(cudaStreamCreateWithFlags(&g->compute, cudaStreamNonBlocking));
    CUDA_OK(cudaStreamCreateWithFlags(&g->comm, cudaStreamNonBlocking));
    CUDA_OK(cudaEventCreateWithFlags(&g->computed, cudaEventDisableTiming));
    CUDA_OK(cudaEventCreateWithFlags(&g->communicated, cudaEventDisableTiming));
  }
  if (local > 1) {
    ncclComm_t comms[MAX_LOCAL];
    int devs[MAX_LOCAL];
    for (int d = 0; d < local; d++) devs[d] = gpus[d].device;
    NCCL_OK(ncclCommInitAll(comms, local, devs));
    for (int d = 0; d < local; d++) gpus[d].nccl = comms[d];
  } else {
    ncclUniqueId id;
    if (rank == 0) NCCL_OK(ncclGetUniqueId(&id));
    MPI_Bcast(&id, sizeof id, MPI_BYTE, 0, MPI_COMM_WORLD);
    CUDA_OK(cudaSetDevice(gpus[0].device));
    NCCL_OK(ncclCommInitRank(&gpus[0].nccl, size, id, rank));
  }
  return 0;
}

extern "C" void dev_teardown(void) {
  for (int d = 0; d < nlocal; d++) {
    cudaSetDevice(gpus[d].device);
    ncclCommDestroy(gpus[d].nccl);
    if (scratch[d] != NULL) cudaFree(scratch[d]);
    cudaStreamDestroy(gpus[d].compute);
    cudaStreamDestroy(gpus[d].comm);
  }
}

extern "C" int dev_local(void) { return nlocal; }
extern "C" int dev_size(void) { return nglobal; }
extern "C" int dev_rank(int d) { return gpus[d].rank; }

extern "C" void dev_describe(int d, char *buf, size_t size) {
  cudaDeviceProp p;
  char bus[32] = "";
  CUDA_OK(cudaGetDeviceProperties(&p, gpus[d].device));
  cudaDeviceGetPCIBusId(bus, sizeof bus, gpus[d].device);
  snprintf(buf, size, "[%s] %s", bus, p.name);
}

static void use(int d) { CUDA_OK(cudaSetDevice(gpus[d].device)); }

extern "C" void *dev_alloc(int d, size_t bytes) {
  void *p = NULL;
  use(d);
  CUDA_OK(cudaMalloc(&p, bytes == 0 ? 1 : bytes));
  CUDA_OK(cudaMemset(p, 0, bytes == 0 ? 1 : bytes));
  return p;
}

extern "C" void dev_release(int d, void *ptr) { use(d); cudaFree(ptr); }

extern "C" void dev_upload(int d, void *dst, const void *src, size_t bytes) {
  use(d);
  dev_sync(d);
  CUDA_OK(cudaMemcpy(dst, src, bytes, cudaMemcpyHostToDevice));
}

extern "C" void dev_download(int d, void *dst, const void *src, size_t bytes) {
  use(d);
  dev_sync(d);
  CUDA_OK(cudaMemcpy(dst, src, bytes, cudaMemcpyDeviceToHost));
}

extern "C" void dev_sync(int d) {
  use(d);
  CUDA_OK(cudaStreamSynchronize(gpus[d].compute));
  CUDA_OK(cudaStreamSynchronize(gpus[d].comm));
}

/* The communication stream waits for what the compute stream has queued so far. */
static void comm_after_compute(int d) {
  use(d);
  CUDA_OK(cudaEventRecord(gpus[d].computed, gpus[d].compute));
  CUDA_OK(cudaStreamWaitEvent(gpus[d].comm, gpus[d].computed, 0));
}

extern "C" void dev_group_start(void) {
  for (int d = 0; d < nlocal; d++) comm_after_compute(d);
  NCCL_OK(ncclGroupStart());
}

extern "C" void dev_group_end(void) { NCCL_OK(ncclGroupEnd()); }

extern "C" int dev_allreduce(int d, const void *send, void *recv, size_t count, dtype_t type, redop_t op) {
  return NCCL_OK(ncclAllReduce(send, recv, count, nccl_type(type), nccl_op(op), gpus[d].nccl, gpus[d].comm));
}

extern "C" int dev_send(int d, const void *buf, size_t count, dtype_t type, int peer) {
  return NCCL_OK(ncclSend(buf, count, nccl_type(type), peer, gpus[d].nccl, gpus[d].comm));
}

extern "C" int dev_recv(int d, void *buf, size_t count, dtype_t type, int peer) {
  return NCCL_OK(ncclRecv(buf, count, nccl_type(type), peer, gpus[d].nccl, gpus[d].comm));
}

extern "C" void dev_comm_wait(int d) {
  use(d);
  CUDA_OK(cudaEventRecord(gpus[d].communicated, gpus[d].comm));
  CUDA_OK(cudaStreamWaitEvent(gpus[d].compute, gpus[d].communicated, 0));
}

extern "C" double dev_copy_gbps(int d, size_t bytes, int iters) {
  void *a = dev_alloc(d, bytes), *b = dev_alloc(d, bytes);
  cudaEvent_t start, stop;
  float ms = 0;
  use(d);
  CUDA_OK(cudaEventCreate(&start));
  CUDA_OK(cudaEventCreate(&stop));
  CUDA_OK(cudaMemcpyAsync(b, a, bytes, cudaMemcpyDeviceToDevice, gpus[d].compute));
  CUDA_OK(cudaEventRecord(start, gpus[d].compute));
  for (int i = 0; i < iters; i++) CUDA_OK(cudaMemcpyAsync((i & 1) ? a : b, (i & 1) ? b : a, bytes, cudaMemcpyDeviceToDevice, gpus[d].compute));
  CUDA_OK(cudaEventRecord(stop, gpus[d].compute));
  CUDA_OK(cudaEventSynchronize(stop));
  CUDA_OK(cudaEventElapsedTime(&ms, start, stop));
  cudaEventDestroy(start);
  cudaEventDestroy(stop);
  dev_release(d, a);
  dev_release(d, b);
  return ms > 0 ? 2.0 * (double)bytes * iters / (ms * 1e-3) / 1e9 : 0.0;
}

/* ---- kernels ---- */

#define THREADS 256

static unsigned blocks_for(size_t n) {
  size_t b = (n + THREADS - 1) / THREADS;
  return (unsigned)(b > 4096 ? 4096 : (b == 0 ? 1 : b));
}

__global__ void fill_kernel(double *x, size_t n, size_t first) {
  for (size_t i = blockIdx.x * (size_t)blockDim.x + threadIdx.x; i < n; i += (size_t)gridDim.x * blockDim.x) x[i] = softmax_input(first + i);
}

/* Block-wide reduction in shared memory; `max_op` picks max, else sum. */
__device__ double block_reduce(double v, int max_op) {
  __shared__ double part[THREADS];
  part[threadIdx.x] = v;
  __syncthreads();
  for (unsigned s = THREADS / 2; s > 0; s >>= 1) {
    if (threadIdx.x < s) part[threadIdx.x] = max_op ? fmax(part[threadIdx.x], part[threadIdx.x + s]) : part[threadIdx.x] + part[threadIdx.x + s];
    __syncthreads();
  }
  return part[0];
}

/* Reductions in two passes: each block writes its partial result to the domain's scratch array,
 * then one block reduces the partials (deterministic: a rerun gives the same bits). */
__global__ void max_kernel(const double *x, size_t n, double *partial) {
  double m = -INFINITY;
  for (size_t i = blockIdx.x * (size_t)blockDim.x + threadIdx.x; i < n; i += (size_t)gridDim.x * blockDim.x) m = fmax(m, x[i]);
  m = block_reduce(m, 1);
  if (threadIdx.x == 0) partial[blockIdx.x] = m;
}

__global__ void expsum_kernel(const double *x, size_t n, const double *max, double *partial) {
  double s = 0.0, m = *max;
  for (size_t i = blockIdx.x * (size_t)blockDim.x + threadIdx.x; i < n; i += (size_t)gridDim.x * blockDim.x) s += exp(x[i] - m);
  s = block_reduce(s, 0);
  if (threadIdx.x == 0) partial[blockIdx.x] = s;
}

__global__ void final_kernel(const double *partial, unsigned count, int max_op, double *out) {
  double v = max_op ? -INFINITY : 0.0;
  for (unsigned i = threadIdx.x; i < count; i += blockDim.x) v = max_op ? fmax(v, partial[i]) : v + partial[i];
  v = block_reduce(v, max_op);
  if (threadIdx.x == 0) *out = v;
}

static double *partials(int d) {
  if (scratch[d] == NULL) CUDA_OK(cudaMalloc(&scratch[d], 4096 * sizeof(double)));
  return scratch[d];
}

__global__ void scale_kernel(const double *x, double *y, size_t n, const double *max, const double *sum) {
  double m = *max, s = *sum;
  for (size_t i = blockIdx.x * (size_t)blockDim.x + threadIdx.x; i < n; i += (size_t)gridDim.x * blockDim.x) y[i] = exp(x[i] - m) / s;
}

extern "C" void dev_softmax_fill(int d, double *x, size_t n, size_t first) {
  use(d);
  fill_kernel<<<blocks_for(n), THREADS, 0, gpus[d].compute>>>(x, n, first);
  CUDA_OK(cudaGetLastError());
}

extern "C" void dev_softmax_max(int d, const double *x, size_t n, double *out) {
  use(d);
  unsigned b = blocks_for(n);
  max_kernel<<<b, THREADS, 0, gpus[d].compute>>>(x, n, partials(d));
  final_kernel<<<1, THREADS, 0, gpus[d].compute>>>(partials(d), b, 1, out);
  CUDA_OK(cudaGetLastError());
}

extern "C" void dev_softmax_expsum(int d, const double *x, size_t n, const double *max, double *out) {
  use(d);
  unsigned b = blocks_for(n);
  expsum_kernel<<<b, THREADS, 0, gpus[d].compute>>>(x, n, max, partials(d));
  final_kernel<<<1, THREADS, 0, gpus[d].compute>>>(partials(d), b, 0, out);
  CUDA_OK(cudaGetLastError());
}

extern "C" void dev_softmax_scale(int d, const double *x, double *y, size_t n, const double *max, const double *sum) {
  use(d);
  scale_kernel<<<blocks_for(n), THREADS, 0, gpus[d].compute>>>(x, y, n, max, sum);
  CUDA_OK(cudaGetLastError());
}

__global__ void jacobi_kernel(const double *u, double *unew, int nx, int from, int to) {
  int c = 1 + blockIdx.x * blockDim.x + threadIdx.x;
  int r = from + blockIdx.y * blockDim.y + threadIdx.y;
  if (c >= nx - 1 || r >= to) return;
  size_t i = (size_t)r * nx + c;
  unew[i] = 0.25 * (u[i - nx] + u[i + nx] + u[i - 1] + u[i + 1]);
}

__global__ void diff2_kernel(const double *u, const double *unew, size_t first, size_t last, double *partial) {
  double s = 0.0;
  for (size_t i = first + blockIdx.x * (size_t)blockDim.x + threadIdx.x; i < last; i += (size_t)gridDim.x * blockDim.x) {
    double e = unew[i] - u[i];
    s += e * e;
  }
  s = block_reduce(s, 0);
  if (threadIdx.x == 0) partial[blockIdx.x] = s;
}

extern "C" void dev_jacobi_rows(int d, const double *u, double *unew, int nx, int from, int to) {
  if (to <= from) return;
  use(d);
  dim3 block(64, 4);
  dim3 grid((unsigned)((nx - 2 + 63) / 64), (unsigned)((to - from + 3) / 4));
  jacobi_kernel<<<grid, block, 0, gpus[d].compute>>>(u, unew, nx, from, to);
  CUDA_OK(cudaGetLastError());
}

extern "C" void dev_jacobi_diff2(int d, const double *u, const double *unew, int nx, int rows, double *out) {
  use(d);
  unsigned b = blocks_for((size_t)rows * nx);
  diff2_kernel<<<b, THREADS, 0, gpus[d].compute>>>(u, unew, (size_t)nx, (size_t)(rows + 1) * nx, partials(d));
  final_kernel<<<1, THREADS, 0, gpus[d].compute>>>(partials(d), b, 0, out);
  CUDA_OK(cudaGetLastError());
}
