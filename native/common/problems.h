/* The inputs of softmax and Jacobi, as functions of the global index, shared by the host code,
 * the serial references and the CUDA kernels so that every build solves the same problem. */
#ifndef MLOPS_PROBLEMS_H
#define MLOPS_PROBLEMS_H
#include <math.h>
#include <stddef.h>

#ifdef __CUDACC__
#define MLOPS_HD __host__ __device__
#else
#define MLOPS_HD
#endif

/* Element i of the softmax input: spread over [-8, 8] so that exp() needs the max shift. */
static inline MLOPS_HD double softmax_input(size_t i) { return 8.0 * sin(0.001 * (double)i + 0.5 * (double)(i % 7)); }

/* The fixed value of the Jacobi grid's edge at global (row, col) of an ny x nx grid: the top
 * edge is 1, the left edge falls from 1 to 0, the right and bottom edges are 0. Interior starts 0. */
static inline MLOPS_HD double jacobi_edge(int row, int col, int nx, int ny) {
  if (row == 0) return 1.0;
  if (col == 0) return 1.0 - (double)row / (double)(ny - 1);
  (void)nx;
  return 0.0;
}
#endif
