#!/usr/bin/env bash
# Measures the GPU figures of native/ on a GPU node, and records the sampler's real output:
#   native/gpu-check.sh [OUT]        (OUT defaults to native/build/gpu-check)
# Needs nvcc, NCCL (NCCL_HOME, a system install, a pip wheel, or NCCL_WHEEL=path/to/nvidia_nccl_cu*.whl),
# an MPI (Open MPI or MPICH), python3 (to unpack a wheel) and an NVIDIA driver. Builds with make
# only (no node), runs each CUDA program and gpu-sampler, and writes under OUT:
#   gpus.txt             nvidia-smi -L
#   allreduce-g<N>.txt   allreduce-bench, one process driving every GPU (-g N), 8 B .. 1 GiB
#   allreduce-mpi.txt    the same with one process per GPU (MPI bootstraps NCCL), when N >= 2
#   softmax.txt          256 Mi doubles: throughput against the D2D copy bandwidth
#   jacobi-check.txt     a 1024 x 1024 run checked against the serial solve
#   jacobi.txt           16384 x 16384, 1000 iterations: effective bandwidth / D2D copy bandwidth
#   overlap.txt          the same grid without and with overlap
#   gpu-sampler.jsonl    GpuSample lines taken every 200 ms during all of the above
#   summary.jsonl        every {"bench":...} summary line, for the README
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=${1:-$HERE/build/gpu-check}
BUILD=$HERE/build/gpu-check-build
mkdir -p "$OUT" "$BUILD"
say() { printf '== %s\n' "$*" | tee -a "$OUT/log.txt"; }

NVCC=$(command -v nvcc || echo "${CUDA_HOME:-/usr/local/cuda}/bin/nvcc")
[ -x "$NVCC" ] || { echo "gpu-check: nvcc not found (set CUDA_HOME or put the CUDA toolkit on PATH)" >&2; exit 2; }
CUDA_HOME=${CUDA_HOME:-$(dirname "$(dirname "$(readlink -f "$NVCC")")")}
[ -f "$CUDA_HOME/lib64/libcudart.so" ] || CUDA_HOME=/usr/local/cuda

if [ -n "${NCCL_HOME:-}" ]; then NCCL_INC=$NCCL_HOME/include; NCCL_LIB=$NCCL_HOME/lib
elif [ -f /usr/include/nccl.h ]; then NCCL_INC=/usr/include; NCCL_LIB=/usr/lib/x86_64-linux-gnu
elif P=$(python3 -c 'import nvidia.nccl, os; print(list(nvidia.nccl.__path__)[0])' 2>/dev/null); then NCCL_INC=$P/include; NCCL_LIB=$P/lib
else
  WHEEL=${NCCL_WHEEL:-$(ls /opt/pypi-more/files/nvidia_nccl_cu*.whl 2>/dev/null | tail -1)}
  [ -n "$WHEEL" ] || { echo "gpu-check: NCCL not found (set NCCL_HOME or NCCL_WHEEL)" >&2; exit 2; }
  python3 -m zipfile -e "$WHEEL" "$BUILD/nccl" || exit 2
  NCCL_INC=$BUILD/nccl/nvidia/nccl/include; NCCL_LIB=$BUILD/nccl/nvidia/nccl/lib
fi

if command -v mpicc.openmpi >/dev/null; then MPI=openmpi; MPICC=mpicc.openmpi; MPIEXEC="mpiexec.openmpi --allow-run-as-root --oversubscribe"; MPIFLAGS=$(mpicc.openmpi --showme:compile)
elif command -v mpicc.mpich >/dev/null; then MPI=mpich; MPICC=mpicc.mpich; MPIEXEC=mpiexec.mpich; MPIFLAGS=$(mpicc.mpich -show | tr ' ' '\n' | grep '^-I' | tr '\n' ' ')
elif command -v mpicc >/dev/null; then MPI=default; MPICC=mpicc; MPIEXEC=mpiexec; MPIFLAGS=$(mpicc --showme:compile 2>/dev/null || mpicc -show | tr ' ' '\n' | grep '^-I' | tr '\n' ' ')
else echo "gpu-check: no MPI (apt-get install openmpi-bin libopenmpi-dev)" >&2; exit 2; fi

say "building with $NVCC, NCCL $NCCL_INC, MPI $MPI"
make -C "$HERE" -j"$(nproc)" cuda OUT="$BUILD/cuda" MPICC="$MPICC" NVCC="$NVCC" CUDA_HOME="$CUDA_HOME" NCCL_INC="$NCCL_INC" NCCL_LIB="$NCCL_LIB" MPI_CFLAGS="$MPIFLAGS" >>"$OUT/log.txt" 2>&1 || { echo "gpu-check: the CUDA build failed (see $OUT/log.txt)" >&2; exit 1; }
make -C "$HERE" sampler OUT="$BUILD" >>"$OUT/log.txt" 2>&1 || { echo "gpu-check: the sampler build failed" >&2; exit 1; }
export LD_LIBRARY_PATH=$NCCL_LIB:$CUDA_HOME/lib64:${LD_LIBRARY_PATH:-}

nvidia-smi -L >"$OUT/gpus.txt" 2>&1 || true
NGPU=$(grep -c '^GPU ' "$OUT/gpus.txt" || true)
[ "${NGPU:-0}" -ge 1 ] || NGPU=1
say "$NGPU GPU(s): $(head -1 "$OUT/gpus.txt")"

"$BUILD/gpu-sampler" --interval-ms 200 >"$OUT/gpu-sampler.jsonl" 2>"$OUT/gpu-sampler.err" &
SAMPLER=$!
trap 'kill $SAMPLER 2>/dev/null' EXIT

B=$BUILD/cuda
step() { local name=$1; shift; say "$name: $*"; timeout 300 "$@" >"$OUT/$name.txt" 2>&1; echo "exit $?" >>"$OUT/$name.txt"; tail -3 "$OUT/$name.txt" | tee -a "$OUT/log.txt"; }
step "allreduce-g$NGPU" $MPIEXEC -n 1 "$B/allreduce-bench" -g "$NGPU" -b 8 -e 1G -f 2 -n 20 -w 5
[ "$NGPU" -ge 2 ] && step allreduce-mpi $MPIEXEC -n "$NGPU" "$B/allreduce-bench" -b 8 -e 1G -f 2 -n 20 -w 5
step softmax $MPIEXEC -n 1 "$B/softmax" -g "$NGPU" -n 256M -i 20 -c 1
step jacobi-check $MPIEXEC -n 1 "$B/jacobi" -g "$NGPU" -x 1024 -y 1024 -n 200 -r 50 -c 1
step jacobi $MPIEXEC -n 1 "$B/jacobi" -g "$NGPU" -x 16384 -y 16384 -n 1000 -r 250 -c 0
step overlap $MPIEXEC -n 1 "$B/overlap" -g "$NGPU" -x 16384 -y 16384 -n 500 -r 1000 -c 0
kill $SAMPLER 2>/dev/null; wait $SAMPLER 2>/dev/null
grep -h '^{"bench":"\(allreduce\|softmax\|jacobi\|overlap\)"' "$OUT"/*.txt >"$OUT/summary.jsonl" || true
say "done: $(wc -l <"$OUT/gpu-sampler.jsonl") sampler lines; results in $OUT"
