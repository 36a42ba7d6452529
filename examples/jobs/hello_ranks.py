"""Prints one line per rank: which rank this is, of how many, on which host.

The rank and size come from whichever launcher started it: MPICH (PMI_RANK, PMI_SIZE),
Open MPI (OMPI_COMM_WORLD_RANK, OMPI_COMM_WORLD_SIZE), torchrun (RANK, WORLD_SIZE) or
Slurm's srun (SLURM_PROCID, SLURM_NTASKS). Run alone, it is rank 0 of 1.
"""
import os
import socket

LAUNCHERS = (
    ("PMI_RANK", "PMI_SIZE"),
    ("OMPI_COMM_WORLD_RANK", "OMPI_COMM_WORLD_SIZE"),
    ("RANK", "WORLD_SIZE"),
    ("SLURM_PROCID", "SLURM_NTASKS"),
)


def rank_and_size():
    for rank_var, size_var in LAUNCHERS:
        if rank_var in os.environ and size_var in os.environ:
            return int(os.environ[rank_var]), int(os.environ[size_var])
    return 0, 1


def main():
    rank, size = rank_and_size()
    print(f"hello from rank {rank} of {size} on {socket.gethostname()}", flush=True)


if __name__ == "__main__":
    main()
