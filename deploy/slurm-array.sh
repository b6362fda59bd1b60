#!/bin/bash
# A folder of photos on shared storage, styled by a Slurm job array of 8 tasks.
# Slurm sets SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT (and _MIN, _STEP), which
# `neural-style batch` reads: no --shard needed. Requeued or resubmitted tasks resume (done outputs are skipped).
#SBATCH --job-name=neuralstyle
#SBATCH --array=0-7
#SBATCH --cpus-per-task=4
#SBATCH --mem=6G
#SBATCH --time=02:00:00
#SBATCH --output=logs/neuralstyle-%A_%a.out
set -euo pipefail
DATA=/shared/neuralstyle          # photos/, models/, jobs.jsonl, out/
# With the worker image (Apptainer/Singularity, common on clusters):
apptainer exec --bind "$DATA:/data" neuralstyle-worker.sif neural-style batch /data/jobs.jsonl --threads "$SLURM_CPUS_PER_TASK" --json
# Or with the tool installed on the nodes instead: neural-style batch "$DATA/jobs.jsonl" --threads "$SLURM_CPUS_PER_TASK" --json
