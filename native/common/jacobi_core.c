#include "jacobi_core.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../dev/dev.h"
#include "args.h"
#include "problems.h"
#include "report.h"
#include "world.h"

typedef struct {
  int first, rows; /* global row of local row 1; rows owned (local rows 1..rows) */
  double *u, *unew, *scalar;
} domain_t;

static domain_t doms[16];
static int ndoms, grid_nx, grid_ny;

void jacobi_parse(int argc, char **argv, const char *program, const char *usage, jacobi_opts_t *o) {
  *o = (jacobi_opts_t){256, 256, 500, 100, 1, 1};
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    long v = 0;
    int bad = 0;
    if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) { printf("%s", usage); exit(0); }
    else if (strcmp(a, "-x") == 0) { bad = parse_int(option_value(argc, argv, &i), 3, &v); o->nx = (int)v; }
    else if (strcmp(a, "-y") == 0) { bad = parse_int(option_value(argc, argv, &i), 3, &v); o->ny = (int)v; }
    else if (strcmp(a, "-n") == 0) bad = parse_int(option_value(argc, argv, &i), 1, &o->iters);
    else if (strcmp(a, "-r") == 0) bad = parse_int(option_value(argc, argv, &i), 1, &o->residual_every);
    else if (strcmp(a, "-g") == 0) bad = parse_int(option_value(argc, argv, &i), 1, &o->local);
    else if (strcmp(a, "-c") == 0) bad = parse_int(option_value(argc, argv, &i), 0, &o->check);
    else usage_error(program, usage, "unknown option %s", a);
    if (bad) usage_error(program, usage, "bad value for %s: %s", a, argv[i]);
  }
  if (o->local > 16) usage_error(program, usage, "-g is at most 16 GPUs per process");
  if ((double)o->nx * o->ny > 4e9) usage_error(program, usage, "the grid %d x %d is too large", o->nx, o->ny);
}

static size_t cells(const domain_t *m) { return (size_t)(m->rows + 2) * (size_t)grid_nx; }

void jacobi_setup(const jacobi_opts_t *o) {
  int total = dev_size(), interior = o->ny - 2;
  grid_nx = o->nx;
  grid_ny = o->ny;
  ndoms = dev_local();
  if (interior < total) {
    if (world_rank() == 0) fprintf(stderr, "jacobi: %d interior rows cannot be split over %d domains; use a larger -y\n", interior, total);
    world_stop();
    exit(2);
  }
  for (int d = 0; d < ndoms; d++) {
    int k = dev_rank(d);
    doms[d].first = 1 + (int)((long long)interior * k / total);
    doms[d].rows = 1 + (int)((long long)interior * (k + 1) / total) - doms[d].first;
    doms[d].u = (double *)dev_alloc(d, cells(&doms[d]) * sizeof(double));
    doms[d].unew = (double *)dev_alloc(d, cells(&doms[d]) * sizeof(double));
    doms[d].scalar = (double *)dev_alloc(d, sizeof(double));
  }
}

void jacobi_start(int *argc, char ***argv, const char *program, const char *usage, jacobi_opts_t *o) {
  jacobi_parse(*argc, *argv, program, usage, o);
  world_start(argc, argv, (int)o->local, program);
  if (world_rank() == 0) printf("# %s (%s build): %d x %d grid, %ld iterations over %d domains\n", program, dev_build(), o->nx, o->ny, o->iters, dev_size());
  print_devices();
  jacobi_setup(o);
}

void jacobi_free(void) {
  for (int d = 0; d < ndoms; d++) {
    dev_release(d, doms[d].u);
    dev_release(d, doms[d].unew);
    dev_release(d, doms[d].scalar);
  }
}

static double initial(int row, int col) {
  int edge = row == 0 || row == grid_ny - 1 || col == 0 || col == grid_nx - 1;
  return edge ? jacobi_edge(row, col, grid_nx, grid_ny) : 0.0;
}

static void reset(void) {
  for (int d = 0; d < ndoms; d++) {
    domain_t *m = &doms[d];
    double *host = (double *)malloc(cells(m) * sizeof(double));
    for (int lr = 0; lr < m->rows + 2; lr++)
      for (int c = 0; c < grid_nx; c++) host[(size_t)lr * grid_nx + c] = initial(m->first - 1 + lr, c);
    dev_upload(d, m->u, host, cells(m) * sizeof(double));
    dev_upload(d, m->unew, host, cells(m) * sizeof(double));
    dev_sync(d);
    free(host);
  }
}

/* Sends the new boundary rows to the neighbours and receives their rows into the halo. */
static void exchange(void) {
  int total = dev_size();
  dev_group_start();
  for (int d = 0; d < ndoms; d++) {
    domain_t *m = &doms[d];
    int k = dev_rank(d);
    size_t nx = (size_t)grid_nx;
    if (k > 0) {
      dev_send(d, m->unew + nx, nx, DT_DOUBLE, k - 1);
      dev_recv(d, m->unew, nx, DT_DOUBLE, k - 1);
    }
    if (k < total - 1) {
      dev_send(d, m->unew + (size_t)m->rows * nx, nx, DT_DOUBLE, k + 1);
      dev_recv(d, m->unew + (size_t)(m->rows + 1) * nx, nx, DT_DOUBLE, k + 1);
    }
  }
  dev_group_end();
}

static void step(int overlap) {
  for (int d = 0; d < ndoms; d++) {
    domain_t *m = &doms[d];
    if (!overlap) {
      dev_jacobi_rows(d, m->u, m->unew, grid_nx, 1, m->rows + 1);
    } else {
      dev_jacobi_rows(d, m->u, m->unew, grid_nx, 1, 2);
      if (m->rows > 1) dev_jacobi_rows(d, m->u, m->unew, grid_nx, m->rows, m->rows + 1);
    }
  }
  exchange();
  if (overlap)
    for (int d = 0; d < ndoms; d++)
      if (doms[d].rows > 2) dev_jacobi_rows(d, doms[d].u, doms[d].unew, grid_nx, 2, doms[d].rows);
  for (int d = 0; d < ndoms; d++) dev_comm_wait(d);
}

static double residual(void) {
  for (int d = 0; d < ndoms; d++) dev_jacobi_diff2(d, doms[d].u, doms[d].unew, grid_nx, doms[d].rows, doms[d].scalar);
  dev_group_start();
  for (int d = 0; d < ndoms; d++) dev_allreduce(d, doms[d].scalar, doms[d].scalar, 1, DT_DOUBLE, OP_SUM);
  dev_group_end();
  double r = 0;
  for (int d = 0; d < ndoms; d++) dev_sync(d);
  dev_download(0, &r, doms[0].scalar, sizeof r);
  return sqrt(r);
}

static void swap(void) {
  for (int d = 0; d < ndoms; d++) {
    double *t = doms[d].u;
    doms[d].u = doms[d].unew;
    doms[d].unew = t;
  }
}

void jacobi_serial(int nx, int ny, long iters, double *out) {
  size_t n = (size_t)nx * (size_t)ny;
  double *a = out, *b = (double *)malloc(n * sizeof(double));
  for (int r = 0; r < ny; r++)
    for (int c = 0; c < nx; c++) a[(size_t)r * nx + c] = (r == 0 || r == ny - 1 || c == 0 || c == nx - 1) ? jacobi_edge(r, c, nx, ny) : 0.0;
  memcpy(b, a, n * sizeof(double));
  for (long k = 0; k < iters; k++) {
    for (int r = 1; r < ny - 1; r++)
      for (int c = 1; c < nx - 1; c++) {
        size_t i = (size_t)r * nx + c;
        b[i] = 0.25 * (a[i - nx] + a[i + nx] + a[i - 1] + a[i + 1]);
      }
    double *t = a;
    a = b;
    b = t;
  }
  if (a != out) {
    memcpy(out, a, n * sizeof(double));
    free(a);
  } else {
    free(b);
  }
}

static double check(long iters) {
  size_t n = (size_t)grid_nx * (size_t)grid_ny;
  double *ref = (double *)malloc(n * sizeof(double));
  jacobi_serial(grid_nx, grid_ny, iters, ref);
  double err = 0.0;
  for (int d = 0; d < ndoms; d++) {
    domain_t *m = &doms[d];
    double *host = (double *)malloc(cells(m) * sizeof(double));
    dev_download(d, host, m->u, cells(m) * sizeof(double));
    for (int lr = 1; lr <= m->rows; lr++)
      for (int c = 0; c < grid_nx; c++) err = fmax(err, fabs(host[(size_t)lr * grid_nx + c] - ref[(size_t)(m->first - 1 + lr) * grid_nx + c]));
    free(host);
  }
  free(ref);
  return world_max(err);
}

jacobi_result_t jacobi_run(const jacobi_opts_t *o, int overlap, int print_residual, const char *bench) {
  jacobi_result_t res = {0, 0, -1, 2.0 * sizeof(double) * (double)(o->nx - 2) * (double)(o->ny - 2)};
  reset();
  world_sum(0);
  double t0 = now_sec();
  for (long k = 1; k <= o->iters; k++) {
    step(overlap);
    if (k % o->residual_every == 0 || k == o->iters) {
      res.residual = residual();
      if (print_residual && world_rank() == 0) {
        json_t j;
        json_begin(&j, bench);
        json_int(&j, "iter", k);
        json_num(&j, "residual", res.residual);
        json_end(&j, stdout);
      }
    }
    swap();
  }
  for (int d = 0; d < ndoms; d++) dev_sync(d);
  res.seconds = world_max(now_sec() - t0);
  if (o->check) res.max_abs_diff = check(o->iters);
  return res;
}
