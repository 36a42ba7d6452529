/* MPI start-up, the domain set-up, and the "# Using devices" block that every program prints. */
#ifndef MLOPS_WORLD_H
#define MLOPS_WORLD_H

/* MPI_Init, then dev_setup(local); on failure prints the reason (rank 0) and exits with code 1. */
void world_start(int *argc, char ***argv, int local, const char *program);
/* dev_teardown, then MPI_Finalize. */
void world_stop(void);
int world_rank(void);
int world_size(void);
/* Rank 0 prints one "#  Rank  R Group  0 Pid P on HOST device D [..] NAME" line per domain. */
void print_devices(void);
/* The sum over every process of a local count. */
long long world_sum(long long local);
/* The sum over every process of a local value. */
double world_sum_double(double local);
/* The max over every process of a local value. */
double world_max(double local);
#endif
