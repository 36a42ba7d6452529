/* The 2-D Jacobi solver that `jacobi` and `overlap` share: an ny x nx grid with fixed edges
 * (problems.h), its interior rows split over the domains, a halo row exchanged with each
 * neighbour every iteration. With `overlap` the boundary rows are computed first, their
 * exchange runs while the interior is computed; without it, everything is computed, then
 * exchanged. The result is checked against a serial solve of the same iterations. */
#ifndef MLOPS_JACOBI_CORE_H
#define MLOPS_JACOBI_CORE_H
#include <stddef.h>

typedef struct {
  int nx, ny;
  long iters, residual_every, local, check;
} jacobi_opts_t;

typedef struct {
  double seconds;       /* wall time of the iterations */
  double residual;      /* sqrt(sum (unew - u)^2) at the last iteration */
  double max_abs_diff;  /* against the serial solve; -1 when not checked */
  double bytes_per_iter;
} jacobi_result_t;

/* Parses the options both programs share; `extra` is the program's own usage lines. */
void jacobi_parse(int argc, char **argv, const char *program, const char *usage, jacobi_opts_t *o);
/* Parses the options, starts MPI and the devices, prints the header and allocates the domains:
 * the start of both programs. */
void jacobi_start(int *argc, char ***argv, const char *program, const char *usage, jacobi_opts_t *o);
/* Allocates the domains of this process (after world_start). */
void jacobi_setup(const jacobi_opts_t *o);
void jacobi_free(void);
/* Resets the grid and runs o->iters iterations; `print_residual` prints one JSON line every
 * o->residual_every iterations (rank 0). */
jacobi_result_t jacobi_run(const jacobi_opts_t *o, int overlap, int print_residual, const char *bench);
/* The serial solve of the whole grid (ny * nx doubles), for the check. */
void jacobi_serial(int nx, int ny, long iters, double *out);
#endif
