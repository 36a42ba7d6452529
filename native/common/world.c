#define _POSIX_C_SOURCE 200809L
#include "world.h"
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "../dev/dev.h"
#include "report.h"

#define LINE 256

static int rank_, size_;

void world_start(int *argc, char ***argv, int local, const char *program) {
  char err[512] = "";
  MPI_Init(argc, argv);
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
  int ok = dev_setup(local, err, sizeof err) == 0;
  int all_ok = 0;
  MPI_Allreduce(&ok, &all_ok, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD);
  if (!all_ok) {
    if (!ok) fprintf(stderr, "%s (rank %d): %s\n", program, rank_, err[0] != '\0' ? err : "device set-up failed");
    MPI_Finalize();
    exit(1);
  }
}

void world_stop(void) {
  dev_teardown();
  MPI_Finalize();
}

int world_rank(void) { return rank_; }
int world_size(void) { return size_; }

long long world_sum(long long local) {
  long long total = 0;
  MPI_Allreduce(&local, &total, 1, MPI_LONG_LONG, MPI_SUM, MPI_COMM_WORLD);
  return total;
}

double world_sum_double(double local) {
  double total = 0;
  MPI_Allreduce(&local, &total, 1, MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD);
  return total;
}

double world_max(double local) {
  double m = 0;
  MPI_Allreduce(&local, &m, 1, MPI_DOUBLE, MPI_MAX, MPI_COMM_WORLD);
  return m;
}

void print_devices(void) {
  int local = dev_local();
  char *mine = (char *)calloc((size_t)local, LINE);
  char *all = rank_ == 0 ? (char *)calloc((size_t)local * (size_t)size_, LINE) : NULL;
  for (int d = 0; d < local; d++) {
    char name[160];
    dev_describe(d, name, sizeof name);
    snprintf(mine + (size_t)d * LINE, LINE, "#  Rank %2d Group  0 Pid %6d on %10s device %2d %s", dev_rank(d), (int)getpid(), host_name(), d, name);
  }
  MPI_Gather(mine, local * LINE, MPI_CHAR, all, local * LINE, MPI_CHAR, 0, MPI_COMM_WORLD);
  if (rank_ == 0) {
    printf("#\n# Using devices\n");
    for (int i = 0; i < local * size_; i++) printf("%s\n", all + (size_t)i * LINE);
    printf("#\n");
    fflush(stdout);
  }
  free(mine);
  free(all);
}
